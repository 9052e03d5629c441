package io.partnerflow.deal.config;

import io.partnerflow.deal.domain.StageMapping;
import io.partnerflow.deal.domain.signature.StandardWebhooks;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** deal-service settings ({@code deal.*}). Secrets come from the environment, never from the repository. */
@ConfigMapping(prefix = "deal")
public interface DealConfig {

    Webhooks webhooks();

    Stages stages();

    Registration registration();

    interface Webhooks {
        /** How far a signed timestamp may be from now, either way. */
        @WithDefault("PT5M")
        Duration tolerance();

        /** How long the intake waits for crm.webhooks to acknowledge a delivery before answering 503. */
        @WithDefault("PT15S")
        Duration publishTimeout();

        /**
         * The largest webhook body accepted; a bigger one is answered 413 before anything is written. Must stay well
         * below the broker's record limit (1 MiB by default): the body travels inside a JSON envelope.
         */
        @WithDefault("256K")
        MemorySize maxBodySize();

        /**
         * The largest record the intake appends to crm.webhooks (the JSON envelope with the escaped body): a delivery
         * whose envelope is bigger is answered 413 too. Below the producer's {@code max.request.size}.
         */
        @WithDefault("900K")
        MemorySize maxRecordSize();

        /**
         * An oversized body announced by Content-Length up to this size is read and thrown away before the 413 is
         * sent, so that a sender still writing its body reads the answer instead of a connection reset. Bigger
         * ones are answered at once and the connection is closed.
         */
        @WithDefault("64M")
        MemorySize drainLimit();

        /** Generic (Standard Webhooks) senders by name: {@code deal.webhooks.generic.<source>.secrets}. */
        Map<String, Generic> generic();

        /** Salesforce orgs by source name: {@code deal.webhooks.salesforce.<source>.*}. */
        Map<String, Salesforce> salesforce();

        /** HubSpot apps by source name: {@code deal.webhooks.hubspot.<source>.*}. */
        Map<String, HubSpot> hubspot();

        /**
         * Raw deliveries older than this (by receipt) lose their body and headers to the retention job; the
         * delivery id, outcome and receipt time stay (idempotency, audit) and a replay answers 410.
         */
        @WithDefault("P400D")
        Duration retention();

        /** How often the retention job runs (once across replicas). */
        @WithDefault("1h")
        String retentionEvery();
    }

    /**
     * What every webhook source has besides its secret: the previous secret(s) of a rotation, accepted until
     * {@code rotated-at} + {@code rotation-grace}, and a rate limit (requests per period, answered 429 beyond it).
     */
    interface Intake {
        /** Secrets being rotated out: accepted until {@link #rotatedAt()} + {@link #rotationGrace()}, never without a rotated-at. */
        Optional<List<String>> previousSecrets();

        /** When the current secret(s) replaced the previous ones (ISO 8601 instant). */
        Optional<java.time.Instant> rotatedAt();

        @WithDefault("P1D")
        Duration rotationGrace();

        /** At most this many authenticated deliveries per {@link #rateLimitPeriod()} from this source; none when absent. */
        java.util.OptionalInt rateLimit();

        @WithDefault("PT1M")
        Duration rateLimitPeriod();
    }

    /** Defaults for what a CRM does not send, and field overrides (logical name → CRM field). */
    interface Mapping {
        @WithDefault("EUR")
        String defaultCurrency();

        /** Used when the mapped customer-country field is empty. */
        Optional<String> defaultCountry();

        @WithDefault("UNSPECIFIED")
        String defaultSku();

        @WithDefault("unspecified")
        String defaultCategory();

        /** Deal field overrides, e.g. {@code opportunity.customer-name=Account_Name__c}. */
        Map<String, String> dealFields();
    }

    interface Salesforce extends Mapping, Intake {
        /** The secret path segment of this source's endpoint URL ({@code /webhooks/crm/salesforce/<source>/<secret>}). */
        String urlSecret();

        /** Allowed organisation ids (15 or 18 characters). */
        List<String> organizationIds();

        /** The custom object whose records are partner touchpoints. */
        @WithDefault("Partner_Touch__c")
        String touchObject();

        /** Touch object field overrides. */
        Map<String, String> touchFields();

        /** The object whose records are the opportunities' line items. */
        @WithDefault("OpportunityLineItem")
        String lineItemObject();

        /** Line item field overrides (logical name → API name), e.g. {@code category=Product_Family__c}. */
        Map<String, String> lineItemFields();
    }

    interface HubSpot extends Mapping, Intake {
        /** The app's client secret(s); several during a rotation. */
        List<String> clientSecrets();

        /** The public URL HubSpot calls (the v3 signature covers it), when a proxy rewrites the request URL. */
        Optional<String> publicUrl();

        /** Line item property overrides (logical name → HubSpot property). */
        Map<String, String> lineItemFields();

        /**
         * Deal properties naming partners → touch type, added to the defaults
         * ({@code partnerflow_referral_partner=referral}, {@code partnerflow_resale_partner=resale},
         * {@code partnerflow_co_sell_partner=co_sell_meeting}); {@code none} switches one off.
         */
        Map<String, String> partnerProperties();
    }

    interface Generic extends Intake {
        /** {@code whsec_<base64>} secrets; several during a rotation. */
        List<String> secrets();
    }

    interface Stages {
        /** CRM stage names meaning closed-won (compared ignoring case, spaces, dashes, underscores). */
        @WithDefault("closed won,won")
        List<String> won();

        /** CRM stage names meaning closed-lost. */
        @WithDefault("closed lost,lost")
        List<String> lost();
    }

    interface Registration {
        /** {@code first-to-register} (a conflicting later submission is rejected) or {@code manual-review}. */
        @WithDefault("first-to-register")
        String conflictPolicy();

        /** Protection period when the partner's tier gives none ({@code registration_protection_days}). */
        @WithDefault("90")
        int defaultProtectionDays();

        /** How often the expiry job looks for registrations whose protection ended. */
        @WithDefault("1m")
        String expiryEvery();
    }

    default StageMapping stageMapping() {
        return new StageMapping(new HashSet<>(stages().won()), new HashSet<>(stages().lost()));
    }

    /** Every configured generic secret with its key id {@code <source>#<n>}. */
    default List<StandardWebhooks.Secret> genericSecrets() {
        List<StandardWebhooks.Secret> out = new ArrayList<>();
        webhooks().generic().forEach((source, g) -> {
            for (int i = 0; i < g.secrets().size(); i++) {
                out.add(new StandardWebhooks.Secret(source + "#" + (i + 1), g.secrets().get(i)));
            }
        });
        return out;
    }
}
