package io.partnerflow.deal.domain;

import io.partnerflow.core.money.Money;
import io.partnerflow.deal.domain.crm.GenericFormat;
import io.partnerflow.deal.domain.registration.Conflicts;
import io.partnerflow.deal.domain.signature.SignatureException;
import io.partnerflow.deal.domain.signature.StandardWebhooks;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pure domain rules, no Quarkus. */
class DealDomainTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void standardWebhooksSignatureMatchesTheSpecsReferenceVector() {
        // https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md (test vector)
        String body = "{\"test\": 2432232314}";
        String sig = StandardWebhooks.sign(SECRET, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body.getBytes(StandardCharsets.UTF_8));
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", sig);
        StandardWebhooks.Secret s = StandardWebhooks.verify("msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", "v1,bogus " + sig,
                body.getBytes(StandardCharsets.UTF_8), List.of(new StandardWebhooks.Secret("k#1", SECRET)),
                Instant.ofEpochSecond(1614265330 + 299), Duration.ofMinutes(5));
        assertEquals("k#1", s.keyId());
        assertThrows(SignatureException.class, () -> StandardWebhooks.verify("msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", sig,
                body.getBytes(StandardCharsets.UTF_8), List.of(new StandardWebhooks.Secret("k#1", SECRET)),
                Instant.ofEpochSecond(1614265330 + 301), Duration.ofMinutes(5)));
    }

    @Test
    void domainsAreNormalisedAndSubdomainsShareTheirRegistrableDomain() {
        assertEquals("acme.com", Domains.normalise("https://WWW.Acme.com/path?x=1"));
        assertEquals("acme.com", Domains.root(Domains.normalise("eu.shop.acme.com")));
        assertEquals("acme.co.uk", Domains.root(Domains.normalise("sales.acme.co.uk")));
        assertEquals("acme.com", Domains.normalise("jane@acme.com"));
        assertThrows(InvalidCrmDataException.class, () -> Domains.normalise("not a domain"));
        assertEquals(CustomerNames.key("ACME, Inc."), CustomerNames.key("Acme Inc"));
        assertEquals("muller", CustomerNames.key("Müller GmbH"));
    }

    @Test
    void linesMustSumExactlyToTheAmountAndDeltasSumToTheChange() {
        LineData a = new LineData(1, "A", null, "software", new BigDecimal("10"), null, Money.of("600.00", "EUR"));
        LineData b = new LineData(2, "B", null, "services", BigDecimal.ONE, null, Money.of("400.00", "EUR"));
        InvalidCrmDataException e = assertThrows(InvalidCrmDataException.class, () -> DealData.checkLines(Money.of("1000.01", "EUR"), List.of(a, b)));
        assertTrue(e.getMessage().contains("sum to 1000.00 EUR"), e.getMessage());
        DealData.checkLines(Money.of("1000.00", "EUR"), List.of(a, b));

        List<LineData> after = LineDelta.reverse(List.of(a, b), List.of(new CrmChange.LineAmount(1, Money.of("150.00", "EUR"),
                new BigDecimal("2"))), false);
        List<LineDelta> deltas = LineDelta.between(List.of(a, b), after);
        assertEquals(1, deltas.size());
        assertEquals(Money.of("-150.00", "EUR"), deltas.get(0).amountDelta());
        assertEquals(new BigDecimal("-2"), deltas.get(0).quantityDelta());
        assertThrows(InvalidCrmDataException.class, () -> LineDelta.reverse(List.of(a), List.of(new CrmChange.LineAmount(1,
                Money.of("600.01", "EUR"), null)), false));
        List<LineData> all = LineDelta.reverse(List.of(a, b), List.of(), true);
        assertEquals(Money.of("-1000.00", "EUR"), Money.sum(LineDelta.between(List.of(a, b), all).stream().map(LineDelta::amountDelta).toList()));
    }

    @Test
    void conflictsNeedTheSameCustomerAndAnOverlappingCategoryFromAnotherPartner() {
        UUID p1 = UUID.randomUUID();
        UUID p2 = UUID.randomUUID();
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        Conflicts.Scope existing = Conflicts.Scope.of(UUID.randomUUID(), p1, "Acme Inc", "acme.com", "DE", List.of("Software", "services"), t);
        assertEquals(1, Conflicts.find(Conflicts.Scope.of(UUID.randomUUID(), p2, "Other", "eu.acme.com", "FR", List.of("software"), t),
                List.of(existing)).size());
        assertEquals(1, Conflicts.find(Conflicts.Scope.of(UUID.randomUUID(), p2, "ACME", null, "DE", List.of("services"), t),
                List.of(existing)).size());
        assertEquals(0, Conflicts.find(Conflicts.Scope.of(UUID.randomUUID(), p2, "Acme", "acme.com", "DE", List.of("hardware"), t),
                List.of(existing)).size());
        assertEquals(0, Conflicts.find(Conflicts.Scope.of(UUID.randomUUID(), p1, "Acme", "acme.com", "DE", List.of("software"), t),
                List.of(existing)).size());
        assertEquals(0, Conflicts.find(Conflicts.Scope.of(UUID.randomUUID(), p2, "Acme", null, "AT", List.of("software"), t),
                List.of(existing)).size());
    }

    @Test
    void theGenericFormatMapsStagesTypesAndTouchTypes() {
        String body = """
                {"events":[{"id":"e1","type":"deal.upserted","modifiedAt":"2026-11-01T10:00:00Z","data":{"dealId":"D1",
                  "name":"N","customer":{"name":"C","country":"de"},"currency":"JPY","amount":"1000","stage":"Closed Won",
                  "closedAt":"2026-11-01T09:00:00Z","createdAt":"2026-10-01T09:00:00Z","type":"Renewal",
                  "lines":[{"sku":"S","category":"Software","amount":"1000"}]}},
                 {"id":"e2","type":"touchpoint.recorded","version":3,"data":{"touchpointId":"T1","dealId":"D1",
                  "partnerAccountId":"ACC","type":"Resale/Closing","occurredAt":"2026-10-20T09:00:00Z"}}]}""";
        List<CrmChange> changes = GenericFormat.parse(body, StageMapping.defaults());
        CrmChange.DealUpserted u = (CrmChange.DealUpserted) changes.get(0);
        assertEquals(Stage.CLOSED_WON, u.deal().stage());
        assertEquals("renewal", u.deal().dealType());
        assertEquals(Instant.parse("2026-11-01T10:00:00Z").toEpochMilli(), u.version());
        assertEquals("DE", u.deal().customer().country());
        CrmChange.TouchpointRecorded tp = (CrmChange.TouchpointRecorded) changes.get(1);
        assertEquals("resale", tp.touchType());
        assertEquals("crm:generic:ACC", tp.partner().key());
        assertThrows(InvalidCrmDataException.class, () -> GenericFormat.parse(body.replace("\"1000\",\"stage\"", "\"1000.5\",\"stage\""),
                StageMapping.defaults()));
    }
}
