package io.partnerflow.portal;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.RedirectConfig;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The portal's own logic against a test double of the services (FakeServices): sign-in, forwarding, error pages. */
@QuarkusTest
@QuarkusTestResource(value = FakeServices.class, restrictToAnnotatedClass = true)
class PortalPagesTest {

    private static String signIn(String user, String partnerId) {
        var req = given().config(RestAssured.config().redirect(RedirectConfig.redirectConfig().followRedirects(false)))
                .contentType("application/x-www-form-urlencoded").formParam("user", user);
        if (partnerId != null) {
            req.formParam("partnerId", partnerId);
        }
        Response r = req.post("/sign-in");
        assertEquals(303, r.statusCode(), r.asString());
        String setCookie = r.getHeader("Set-Cookie");
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie);
        return r.getCookie("pf_session");
    }

    @Test
    void signInPageListsDemoUsersAndPartnersFromPartnerService() {
        given().get("/sign-in").then().statusCode(200)
                .body(allOf(containsString("Frank — finance"), containsString("Fiona — finance"), containsString("User of Northwind"),
                        containsString("User of Contoso")));
    }

    @Test
    void withoutASessionPagesSendTheBrowserToSignIn() {
        given().redirects().follow(false).get("/finance/runs").then().statusCode(303).header("Location", containsString("/sign-in"));
    }

    @Test
    void forwardsTheUsersOwnTokenAndShowsItsMoneyAtCurrencyScale() {
        String token = signIn("partner", FakeServices.PARTNER_A);
        FakeServices.CALLS.clear();
        given().cookie("pf_session", token).get("/partners/" + FakeServices.PARTNER_A).then().statusCode(200)
                .header("Server-Timing", containsString("app;dur="))
                .body(allOf(containsString("Northwind"), containsString("562.50 EUR"), containsString("pending")));
        assertTrue(FakeServices.CALLS.stream().allMatch(c -> ("Bearer " + token).equals(c.authorization())), FakeServices.CALLS.toString());
    }

    @Test
    void theDashboardShowsTheNextTiersGapsTheBadgesAndTheRank() {
        String token = signIn("partner", FakeServices.PARTNER_A);
        given().cookie("pf_session", token).get("/partners/" + FakeServices.PARTNER_A).then().statusCode(200)
                .body(allOf(containsString("<strong id=\"tier-name\">Silver</strong>"), containsString("<strong id=\"next-tier\">Gold</strong>"),
                        containsString("37499.50 EUR"), containsString("First win"), containsString("<strong id=\"own-rank\">7</strong>"),
                        not(containsString("99999.99"))));
    }

    @Test
    void aDisputeIsForwardedWithTheUsersTokenAndAnEmptyReasonIsRefusedHere() {
        String token = signIn("partner", FakeServices.PARTNER_A);
        FakeServices.CALLS.clear();
        given().cookie("pf_session", token).redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("reason", "rate should be 12 %").post("/partners/" + FakeServices.PARTNER_A + "/earnings/e1/disputes")
                .then().statusCode(303).header("Location", containsString("/partners/" + FakeServices.PARTNER_A + "/disputes#dispute-d1"));
        assertTrue(FakeServices.CALLS.stream().anyMatch(c -> c.method().equals("POST") && c.path().equals("/partners/" + FakeServices.PARTNER_A + "/disputes")
                && ("Bearer " + token).equals(c.authorization())), FakeServices.CALLS.toString());
        FakeServices.CALLS.clear();
        given().cookie("pf_session", token).contentType("application/x-www-form-urlencoded").formParam("reason", "   ")
                .post("/partners/" + FakeServices.PARTNER_A + "/earnings/e1/disputes").then().statusCode(400)
                .body(containsString("reason: say what is wrong"));
        assertTrue(FakeServices.CALLS.stream().noneMatch(c -> c.method().equals("POST")), FakeServices.CALLS.toString());
    }

    @Test
    void registrationsShowTheirConflictsAndARefusalKeepsTheForm() {
        String token = signIn("partner", FakeServices.PARTNER_A);
        given().cookie("pf_session", token).get("/partners/" + FakeServices.PARTNER_A + "/registrations").then().statusCode(200)
                .body(allOf(containsString("Acme GmbH"), containsString("Contoso registered acme.de for software")));
        given().cookie("pf_session", token).contentType("application/x-www-form-urlencoded").formParam("customer", "Beta AG")
                .formParam("country", "Germany").formParam("categories", "software, services")
                .post("/partners/" + FakeServices.PARTNER_A + "/registrations").then().statusCode(400)
                .body(allOf(containsString("customer.country: must be an ISO 3166-1 alpha-2 code"), containsString("value=\"Beta AG\""),
                        containsString("value=\"Germany\"")));
    }

    @Test
    void theProgramPageShowsTheAtRiskPartnersWithTheirDriversAndTheForecastChart() {
        String token = signIn("anna", null);
        given().cookie("pf_session", token).get("/program?metric=deals-won").then().statusCode(200)
                .body(allOf(containsString("Model v3, trained through 2026-Q3"), containsString("<td>Contoso</td><td class=\"num\">0.83</td>"),
                        containsString("deals_last_quarter 1.2; revenue_growth 0.4"), containsString("120,000.00 USD"),
                        containsString("interval 90,000.00 USD – 150,000.00 USD"), containsString("<svg id=\"forecast-chart\""),
                        containsString("80,000.00 USD")));
        // MDF ROI: the program's and each partner's, names from partner-service when analytics has none
        given().cookie("pf_session", token).get("/program?metric=deals-won&period=2026-Q4").then().statusCode(200)
                .body(allOf(containsString("MDF ROI, 2026-Q4"), containsString("<strong>3,038.84 USD</strong> reimbursed of 5,426.50 USD allocated"),
                        containsString("ROI <strong>12.4564</strong>"),
                        containsString("<tr><td>Northwind</td><td class=\"num\">5,426.50 USD</td>"), containsString("37,853.00 USD")));
        assertTrue(FakeServices.CALLS.stream().anyMatch(c -> c.path().equals("/mdf-roi")), FakeServices.CALLS.toString());
    }

    @Test
    void anotherPartnersIdShowsTheServicesRefusalAndNoneOfItsData() {
        String token = signIn("partner:" + FakeServices.PARTNER_A, null);
        given().cookie("pf_session", token).get("/partners/" + FakeServices.PARTNER_B).then().statusCode(404)
                .body(allOf(containsString("Not found — or not yours to see"), containsString("no partner " + FakeServices.PARTNER_B),
                        not(containsString("Contoso"))));
    }

    @Test
    void theCreatorsApprovalShowsTheProblemDetail() {
        String token = signIn("frank", null);
        given().cookie("pf_session", token).post("/finance/runs/r1/approve").then().statusCode(403)
                .body(allOf(containsString("maker-checker: frank created run r1"), containsString("562.50 EUR")));
    }

    @Test
    void aServiceFailureNamesTheServiceButShowsNoStackTrace() {
        String token = signIn("anna", null);
        given().cookie("pf_session", token).get("/program?metric=revenue").then().statusCode(502)
                .body(allOf(containsString("analytics-service"), not(containsString("NullPointerException"))));
    }

    @Test
    void aSavedDashboardShowsItsFiguresAndTheLiveStreamRelaysTheChangedOnes() {
        String token = signIn("anna", null);
        FakeServices.CALLS.clear();
        given().cookie("pf_session", token).get("/dashboards").then().statusCode(200)
                .body(allOf(containsString("Q3 revenue"), containsString("1,750.40 USD"), containsString("<td>Northwind</td><td class=\"num\">1,000.10 USD</td>"),
                        containsString("width:25%"), containsString("1 partner(s) wait for an FX rate"),
                        containsString("<td>amer</td><td class=\"num\">2</td></tr>"),
                        containsString("data-live-figures=\"/dashboards/" + FakeServices.DASHBOARD + "/live\"")));
        assertTrue(FakeServices.CALLS.stream().allMatch(c -> ("Bearer " + token).equals(c.authorization())), FakeServices.CALLS.toString());
        // the live relay: analytics' event → the re-rendered figures, one event per line
        given().config(RestAssured.config().httpClient(io.restassured.config.HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", 10_000).setParam("http.connection.timeout", 5_000)))
                .cookie("pf_session", token).accept("text/event-stream").get("/dashboards/" + FakeServices.DASHBOARD + "/live")
                .then().statusCode(200).body(allOf(containsString("data:"), containsString("1,800.00 USD"), containsString("id=\"figures\"")));
        // an id that is not one of the user's: the service's 404, nothing shown
        given().cookie("pf_session", token).get("/dashboards/44444444-4444-4444-8444-444444444444").then().statusCode(404)
                .body(allOf(containsString("Not found — or not yours to see"), not(containsString("1,750.40"))));
    }

    @Test
    void aForgedSessionIsRefused() {
        given().redirects().follow(false).cookie("pf_session", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.").get("/finance/runs")
                .then().statusCode(303).header("Location", containsString("/sign-in"));
    }

    @Test
    void anUnknownPartnerIdOrUserIsA400OnTheSignInPage() {
        given().contentType("application/x-www-form-urlencoded").formParam("user", "partner").formParam("partnerId", "not-a-uuid")
                .post("/sign-in").then().statusCode(400).body(containsString("partnerId: no partner with the id"));
        given().contentType("application/x-www-form-urlencoded").formParam("user", "mallory")
                .post("/sign-in").then().statusCode(400).body(containsString("user: choose one of the demo users"));
    }
}
