package io.partnerflow.e2e;

import io.partnerflow.testing.InfraProcess;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The portal in a REAL headless Chromium (Debian chromium + chromium-driver, Selenium) against the whole system: a
 * partner signs in and sees its earnings; a deal sent by signed webhook appears on the open dashboard without a reload;
 * the earning's explanation; the statement download; partner A's user putting partner B's id in the URL gets the
 * refusal and none of B's data; the payout-run creator's approval is refused with payout-service's message and a
 * second finance user's works; the earning's bank-file line after the run; a dispute raised on the earning's page
 * reaches payout-service (a second one shows its 409) and finance answers it there; a deal registered by the partner
 * and approved by the channel manager; the partner's standing (tier, badge); keyboard and phone width; the channel
 * manager's program page. Screenshots go to target/screenshots (and to
 * docs/screenshots with -Dpartnerflow.screenshots.update=true). Server time per page (Server-Timing) is printed.
 */
class PortalEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static SystemUnderTest sut;
    private static WebDriver driver;
    private static String portal;
    private static final Map<String, Double> serverMs = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        sut = SystemUnderTest.get();
        portal = sut.process.fact("portal.url");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File("/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        System.out.println("Portal server time per page (ms, Server-Timing app;dur): " + serverMs);
    }

    @Test
    void partnersSeeTheirMoneyLiveAndOnlyTheirsAndFinanceApprovesWithFourEyes() throws Exception {
        String uniq = UUID.randomUUID().toString().substring(0, 8);
        String cm = sut.bearer("cm-portal", "channel-manager");
        String finance = sut.bearer("finance-portal-" + uniq, "finance");
        // a commission of 10% on deals of Portuguese customers, linear attribution: one referral = the whole credit
        Crm.as(sut, "attribution", cm).body(Map.of("name", "portal-linear-" + uniq, "effectiveFrom", "2020-01-01T00:00:00Z",
                "config", Map.of("kind", "LINEAR"))).post("/models").then().statusCode(201);
        Crm.as(sut, "attribution", cm).body(Map.of("priority", 3, "country", "PT", "modelName", "portal-linear-" + uniq)) // 1 and 2 belong to other e2e tests of the same system
                .post("/model-rules").then().statusCode(201);
        Crm.as(sut, "incentive", cm).body(Map.of("code", "portal-" + uniq, "name", "Portal commission", "effectiveFrom", "2020-01-01T00:00:00Z",
                "rules", List.of(Map.of("key", "commission", "name", "Commission", "kind", "commission",
                        "eligibility", Map.of("customerCountries", List.of("PT")),
                        "commission", Map.of("rates", List.of(Map.of("tier", "*", "category", "*", "sourced", "0.10", "influenced", "0.05")))))))
                .post("/programs").then().statusCode(201);
        String a = Crm.activePartner(sut, "Portal A " + uniq, "DE", "EUR", "PO-" + uniq + "-A");
        String b = Crm.activePartner(sut, "Portal B " + uniq, "DE", "EUR", "PO-" + uniq + "-B");
        Crm.as(sut, "payout", finance).body(Map.of("method", "SEPA", "accountHolder", "Portal A", "iban", "DE89370400440532013000",
                        "bic", "COBADEFFXXX", "business", true,
                        "taxForm", Map.of("type", "EU_VAT_ID", "reference", "DE123456789", "expiresOn", "2030-12-31"),
                        "minimumPayout", Map.of("amount", "10.00", "currency", "EUR")))
                .put("/partners/" + a + "/payout-profile").then().statusCode(200);
        deal(uniq, "1", "PO-" + uniq + "-A", "1000.00");
        deal(uniq, "b", "PO-" + uniq + "-B", "7777.00");
        ledger(cm, a, 1);
        ledger(cm, b, 1);

        // ---- partner A signs in and sees its earning, at currency scale
        open("/sign-in", "sign-in");
        driver.findElement(By.id("partnerId")).sendKeys(a);
        driver.findElement(By.id("sign-in-partner")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("partner-name"), "Portal A " + uniq));
        record("/partners/{id} (dashboard)");
        assertTrue(text("latest").contains("100.00 EUR"), text("latest"));
        assertTrue(text("by-status").contains("pending") && text("balances").contains("100.00 EUR"), text("by-status"));
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("live-status"), "Live: update")); // the event stream is open
        screenshot("partner-dashboard");

        // ---- a new deal by signed webhook appears on the open page without a reload
        ((JavascriptExecutor) driver).executeScript("window.__pfSamePage = 'still here';");
        deal(uniq, "2", "PO-" + uniq + "-A", "2000.00");
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("latest"), "200.00 EUR"));
        assertEquals("still here", ((JavascriptExecutor) driver).executeScript("return window.__pfSamePage;"), "the page was not reloaded");
        assertTrue(text("by-month").contains("300.00 EUR"), text("by-month"));
        // the balance is part of the live fragment: it never disagrees with the lines on screen
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("balances"), "300.00 EUR"));
        screenshot("partner-dashboard-live-update");

        // ---- its standing: the first won deal's badge arrives through analytics-service (events, not a call)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
            driver.navigate().refresh();
            return text("badges").contains("First win") && (!rankedThisQuarter() || !driver.findElements(By.id("own-rank")).isEmpty());
        });
        if (rankedThisQuarter()) {
            assertTrue(text("own-rank").matches("[1-9][0-9]*"), "a rank by won deals this quarter: " + text("own-rank"));
        }
        assertTrue(text("tier-status").contains("Tier"), text("tier-status"));
        screenshot("partner-standing");
        // keyboard: the first Tab reaches the skip link; phone width (390 px): nothing wider than the screen
        driver.findElement(By.tagName("body")).sendKeys(org.openqa.selenium.Keys.TAB);
        assertEquals("Skip to content", driver.switchTo().activeElement().getText());
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        await().atMost(Duration.ofSeconds(10)).until(() -> ((Number) ((JavascriptExecutor) driver).executeScript("return window.innerWidth;")).intValue() <= 420);
        screenshot("partner-dashboard-phone");
        Number overflow = (Number) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        Object wide = ((JavascriptExecutor) driver).executeScript("var w = document.documentElement.clientWidth, out = [];"
                + " document.querySelectorAll('body *').forEach(function (e) { var r = e.getBoundingClientRect();"
                + " if (r.right > w + 1 && out.length < 8) out.push(e.tagName + '#' + e.id + '.' + e.className + ' right=' + Math.round(r.right)); });"
                + " return out.join(', ');");
        assertTrue(overflow.intValue() <= 0, "the page is " + overflow + " px wider than a phone screen: " + wide);
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));

        // ---- the statement (CSV, through the portal with the session cookie)
        String href = driver.findElement(By.cssSelector("#statements a")).getAttribute("href");
        HttpResponse<String> csv = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(HttpRequest.newBuilder(URI.create(href))
                .header("Cookie", "pf_session=" + driver.manage().getCookieNamed("pf_session").getValue())
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.body().contains("100.00") && csv.body().contains("200.00"), csv.body());
        String pdfHref = driver.findElement(By.cssSelector("#statements a.pdf")).getAttribute("href");
        HttpResponse<byte[]> pdf = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(HttpRequest.newBuilder(URI.create(pdfHref))
                .header("Cookie", "pf_session=" + driver.manage().getCookieNamed("pf_session").getValue())
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            String pdfText = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertTrue(pdfText.contains("Portal A " + uniq) && pdfText.contains("100.00 EUR") && pdfText.contains("200.00 EUR"), pdfText);
        }

        // ---- one earning's explanation: credit, rule and formula, ledger line
        // the live fragment may be swapped under us at any moment: read the link (retrying a stale one), then open it
        String explanation = new WebDriverWait(driver, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(By.cssSelector("#latest tr.earning a")).getAttribute("href"));
        driver.get(explanation);
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("explanation-summary")));
        record("/partners/{id}/earnings/{earningId}");
        assertTrue(text("step-rule").contains("Portal commission") && text("step-rule").contains("0.10"), text("step-rule"));
        assertTrue(text("step-attribution").contains("sourced"), text("step-attribution"));
        screenshot("earning-explanation");

        // ---- partner A puts partner B's id in the URL: the services' refusal, none of B's data
        open("/partners/" + b, "another-partner");
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertTrue(text("error").contains("Not found — or not yours to see"), text("error"));
        assertFalse(driver.getPageSource().contains("Portal B " + uniq), "B's name must not show");
        assertFalse(driver.getPageSource().contains("777.70"), "B's earning must not show");
        screenshot("partner-refused-other-partner");

        // ---- finance: Frank creates a run, his own approval is refused; Fiona approves
        approveAll(finance, a);
        signInAs("frank");
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("create-run")));
        record("/finance/runs");
        driver.findElement(By.id("create-run")).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("run-status")));
        record("/finance/runs/{runId}");
        String runUrl = driver.getCurrentUrl();
        assertTrue(text("items").contains("Portal A " + uniq) && text("items").contains("300.00 EUR"), text("items"));
        driver.findElement(By.id("approve-run")).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
        assertTrue(text("message").contains("maker-checker: frank created run"), text("message"));
        assertEquals("draft", text("run-status"));
        screenshot("finance-run-creator-refused");
        signInAs("fiona");
        driver.get(runUrl);
        driver.findElement(By.id("approve-run")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("run-status"), "approved"));
        assertEquals("fiona", text("approved-by"));
        screenshot("finance-run-approved");
        String pain001 = driver.findElement(By.id("file-pain001")).getAttribute("href");
        HttpResponse<String> xml = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(HttpRequest.newBuilder(URI.create(pain001))
                .header("Cookie", "pf_session=" + driver.manage().getCookieNamed("pf_session").getValue())
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, xml.statusCode(), xml.body());
        assertTrue(xml.body().contains("<CtrlSum>300.00</CtrlSum>") && xml.body().contains("DE89370400440532013000"), xml.body());

        // ---- back as partner A: the explanation now ends at the bank-file line; a dispute raised here reaches payout-service
        signInAsPartner(a);
        driver.get(explanation);
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("payment-lines")));
        assertTrue(text("payment-lines").contains("pain001.xml"), text("payment-lines"));
        String lineId = driver.findElement(By.cssSelector("#payment-lines code.line-id")).getText();
        assertTrue(lineId.matches("[0-9a-f]{32}"), "a SEPA EndToEndId (the item id without hyphens): " + lineId);
        screenshot("earning-explanation-bank-line");
        String reason = "portal e2e " + uniq + ": the rate should be 12 %";
        driver.findElement(By.id("dispute-reason")).sendKeys(reason);
        driver.findElement(By.id("raise-dispute")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("disputes"), reason));
        assertTrue(text("disputes").contains("open"), text("disputes"));
        screenshot("partner-disputes");
        List<Map<String, Object>> disputes = Crm.as(sut, "payout", finance).get("/partners/" + a + "/disputes")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(1, disputes.size(), disputes.toString());
        assertEquals(reason, disputes.get(0).get("reason"));
        assertEquals("open", disputes.get(0).get("status"));
        // a second dispute on the same line: payout-service's 409 detail on the page, nothing written
        driver.get(explanation);
        driver.findElement(By.id("dispute-reason")).sendKeys("again");
        driver.findElement(By.id("raise-dispute")).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
        assertTrue(text("message").contains("already has an open dispute"), text("message"));
        assertEquals(1, Crm.as(sut, "payout", finance).get("/partners/" + a + "/disputes").then().statusCode(200)
                .extract().jsonPath().getList("$").size());

        // ---- finance answers it in the portal: accepted with an adjustment of 20.00 EUR (below the four-eyes threshold)
        String disputeId = String.valueOf(disputes.get(0).get("disputeId"));
        signInAs("frank");
        driver.get(portal + "/finance/disputes");
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("dispute-" + disputeId)));
        record("/finance/disputes");
        screenshot("finance-disputes");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("outcome-" + disputeId))).selectByValue("accepted");
        driver.findElement(By.id("resolution-" + disputeId)).sendKeys("agreed: 12 % applies to this deal");
        driver.findElement(By.id("amount-" + disputeId)).sendKeys("20.00");
        driver.findElement(By.id("currency-" + disputeId)).sendKeys("EUR");
        driver.findElement(By.id("resolve-" + disputeId)).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
        JsonPath answered = Crm.as(sut, "payout", finance).get("/disputes/" + disputeId).then().statusCode(200).extract().jsonPath();
        assertEquals("accepted", answered.getString("status"));
        assertEquals("20.00", answered.getString("adjustment.amount"));
        assertEquals("frank", answered.getString("resolvedBy"));

        // ---- partner A registers a deal in the portal; the channel manager approves it there
        signInAsPartner(a);
        driver.get(portal + "/partners/" + a + "/registrations");
        String customer = "Porto Digital " + uniq;
        driver.findElement(By.id("reg-customer")).sendKeys(customer);
        driver.findElement(By.id("reg-country")).sendKeys("PT");
        driver.findElement(By.id("reg-categories")).sendKeys("software");
        driver.findElement(By.id("reg-amount")).sendKeys("5000.00");
        driver.findElement(By.id("register-deal")).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
        assertTrue(text("registrations").contains(customer) && text("registrations").contains("submitted"), text("registrations"));
        screenshot("partner-registrations");
        signInAs("anna");
        driver.get(portal + "/program/registrations");
        String registrationId = driver.findElements(By.cssSelector("section.registration")).stream()
                .filter(e -> e.getText().contains(customer)).findFirst().orElseThrow().getAttribute("id").substring("registration-".length());
        record("/program/registrations");
        screenshot("program-registrations");
        driver.findElement(By.id("approve-" + registrationId)).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
        assertEquals("approved", Crm.as(sut, "deal", cm).get("/registrations/" + registrationId).then().statusCode(200)
                .extract().jsonPath().getString("status"));

        // ---- a history to learn from: 16 partners with a won deal two quarters ago; half of them win again last quarter
        // (USD: analytics' base currency, no FX rate needed). Then a model is trained on it (analytics-service).
        java.time.LocalDate today = java.time.LocalDate.now(ZoneOffset.UTC);
        java.time.LocalDate quarterStart = today.withDayOfMonth(1).withMonth((today.getMonthValue() - 1) / 3 * 3 + 1);
        Instant older = quarterStart.minusMonths(6).plusDays(10).atTime(12, 0).toInstant(ZoneOffset.UTC);
        Instant recent = quarterStart.minusMonths(3).plusDays(10).atTime(12, 0).toInstant(ZoneOffset.UTC);
        for (int i = 0; i < 16; i++) {
            String account = "PO-" + uniq + "-h" + i;
            Crm.activePartner(sut, "History " + i + " " + uniq, "US", "USD", account);
            deal(uniq, "h" + i + "a", account, "USD", older, (1000 * (i + 1)) + ".00");
            if (i % 2 == 0) {
                deal(uniq, "h" + i + "b", account, "USD", recent, (1300 * (i + 1)) + ".00");
            }
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(3)).until(() ->
                Crm.as(sut, "analytics", cm).post("/predictions/models").then().extract().statusCode() == 200);

        // ---- channel manager: leaderboard, segments, the at-risk list (model version, drivers) and the forecast chart
        signInAs("anna");
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("leaderboard")));
        record("/program");
        assertTrue(text("at-risk-model").matches("(?s)Model v\\d+, trained through \\d{4}-Q\\d.*"), text("at-risk-model"));
        List<org.openqa.selenium.WebElement> risky = driver.findElements(By.cssSelector("#at-risk tbody tr"));
        assertFalse(risky.isEmpty());
        assertTrue(risky.get(0).findElements(By.tagName("td")).get(1).getText().matches("0(\\.\\d+)?|1(\\.0+)?"), risky.get(0).getText());
        assertFalse(driver.findElements(By.cssSelector("#forecast-chart g.forecast-bar")).isEmpty(), "the forecast chart has bars");
        assertTrue(text("program-forecast").contains("USD"), text("program-forecast"));
        screenshot("program");
        ((JavascriptExecutor) driver).executeScript("document.getElementById('at-risk-h').scrollIntoView();");
        screenshot("program-at-risk-forecast");

        for (Map.Entry<String, Double> e : serverMs.entrySet()) {
            assertTrue(e.getValue() < 2000, e.getKey() + " took " + e.getValue() + " ms on the server");
        }
    }

    private static void deal(String uniq, String n, String account, String amount) {
        deal(uniq, n, account, "EUR", Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), amount);
    }

    private static void deal(String uniq, String n, String account, String currency, Instant closed, String amount) {
        String crm = "PO-" + uniq + "-" + n;
        Map<String, Object> deal = Crm.wonDeal(crm, currency, closed, "NWC-PLAT-1Y", "software", amount);
        deal.put("customer", Map.of("name", "Lisboa Trading " + crm, "country", "PT"));
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(Crm.event(crm + "-t", "touchpoint.recorded", 1, Crm.touch(crm + "-t", crm, account, "referral", closed.minus(Duration.ofDays(5)))));
        events.add(Crm.event(crm + "-v1", "deal.upserted", 1, deal));
        Crm.deliver(sut, "portal-" + crm, events).then().statusCode(202);
    }

    private static JsonPath ledger(String bearer, String partnerId, int lines) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                Crm.as(sut, "payout", bearer).get("/partners/" + partnerId + "/earnings").then().statusCode(200).extract().jsonPath(),
                j -> j.getList("$").size() >= lines);
    }

    private static void approveAll(String finance, String partnerId) {
        List<Map<String, Object>> all = ledger(finance, partnerId, 2).getList("$");
        for (Map<String, Object> e : all) {
            if ("pending".equals(e.get("status"))) {
                Crm.as(sut, "payout", finance).body(Map.of("reason", "e2e: approved before the hold window ends"))
                        .post("/earnings/" + e.get("earningId") + "/approve").then().statusCode(200);
            }
        }
    }

    /** The deals close yesterday: on a quarter's first day they count for the quarter before, and the rank is empty. */
    private static boolean rankedThisQuarter() {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        return today.minusDays(1).get(java.time.temporal.IsoFields.QUARTER_OF_YEAR) == today.get(java.time.temporal.IsoFields.QUARTER_OF_YEAR);
    }

    private static void signInAsPartner(String partnerId) {
        if (!driver.findElements(By.cssSelector("form.signout button")).isEmpty()) {
            driver.findElement(By.cssSelector("form.signout button")).click();
            wait(ExpectedConditions.visibilityOfElementLocated(By.id("partnerId")));
        } else {
            open("/sign-in", "sign-in");
        }
        driver.findElement(By.id("partnerId")).sendKeys(partnerId);
        driver.findElement(By.id("sign-in-partner")).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("partner-name")));
    }

    private static void signInAs(String staff) {
        if (!driver.findElements(By.cssSelector("form.signout button")).isEmpty()) {
            driver.findElement(By.cssSelector("form.signout button")).click();
            wait(ExpectedConditions.visibilityOfElementLocated(By.id("as-" + staff)));
        } else {
            open("/sign-in", "sign-in");
        }
        driver.findElement(By.id("as-" + staff)).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("signed-in-as"), staff));
    }

    private static void open(String path, String label) {
        driver.get(portal + path);
        record(path.equals("/sign-in") ? "/sign-in" : label);
    }

    /** The server time of the page now shown, from its Server-Timing header (navigation timing). */
    private static void record(String page) {
        Object ms = ((JavascriptExecutor) driver).executeScript(
                "var n = performance.getEntriesByType('navigation')[0]; if (!n || !n.serverTiming) return null;"
                        + " var t = n.serverTiming.find(function (s) { return s.name === 'app'; }); return t ? t.duration : null;");
        if (ms instanceof Number n) {
            serverMs.merge(page, n.doubleValue(), Math::max);
        }
    }

    /** The element's text; the live fragment may replace it while it is read, so a stale element is read again. */
    private static String text(String id) {
        return new WebDriverWait(driver, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id(id)).getText());
    }

    private static void wait(org.openqa.selenium.support.ui.ExpectedCondition<?> condition) {
        new WebDriverWait(driver, WAIT).until(condition);
    }

    private static void screenshot(String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Path png = dir.resolve(name + ".png");
        Files.write(png, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        if (Boolean.getBoolean("partnerflow.screenshots.update")) {
            Path docs = InfraProcess.repoRoot().resolve("docs/screenshots");
            Files.createDirectories(docs);
            Files.copy(png, docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
