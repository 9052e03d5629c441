package io.partnerflow.deal.config;

import io.partnerflow.deal.domain.StageMapping;
import io.partnerflow.deal.domain.signature.StandardWebhooks;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

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

        /** Generic (Standard Webhooks) senders by name: {@code deal.webhooks.generic.<source>.secrets}. */
        Map<String, Generic> generic();

    }

    interface Generic {
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
