package io.partnerflow.payout.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.ZoneId;

/** payout-service settings ({@code payout.*}). */
@ConfigMapping(prefix = "payout")
public interface PayoutConfig {

    Earnings earnings();

    Statements statements();

    Sepa sepa();

    Nacha nacha();

    FourEyes fourEyes();

    BankKeys bankKeys();

    /**
     * Key-encryption keys of the bank details sealed at rest (envelope encryption, {@code domain/crypto/Envelope}):
     * base64 AES-256 keys by id; {@code current} seals new values; older ids stay to open (and re-wrap) old ones.
     * In production they come from a Kubernetes Secret (see the README), never from this file.
     */
    interface BankKeys {
        String current();

        java.util.Map<String, String> keys();

        /** Base64 key (32 bytes) of the fingerprint that notices changed bank details without opening the old ones. */
        String fingerprintKey();
    }

    /** Money moved by hand (dispute adjustments): when a second finance user must approve before anything is booked. */
    interface FourEyes {
        /**
         * An adjustment whose absolute value is above this amount (in the adjustment's own currency units) waits for a
         * second finance user's approval. Per currency: {@code payout.four-eyes.second-approval-above-by-currency.JPY}.
         */
        @WithDefault("1000")
        java.math.BigDecimal secondApprovalAbove();

        java.util.Map<String, java.math.BigDecimal> secondApprovalAboveByCurrency();

        default java.math.BigDecimal secondApprovalAbove(String currency) {
            return secondApprovalAboveByCurrency().getOrDefault(currency, secondApprovalAbove());
        }
    }

    /** The vendor's own account that SEPA credit transfers are debited from. */
    interface Sepa {
        String debtorName();

        String debtorIban();

        java.util.Optional<String> debtorBic();

        String initiatingPartyId();
    }

    /** NACHA file header and batch identification (from the vendor's bank agreement). */
    interface Nacha {
        String immediateDestination();

        String immediateDestinationName();

        String immediateOrigin();

        String immediateOriginName();

        String companyName();

        String companyId();

        String originatingDfi();

        @WithDefault("PAYOUT")
        String companyEntryDescription();
    }

    interface Earnings {
        /** How long a positive earning stays pending, counted from the deal's close (else from accrual): refund risk. */
        @WithDefault("P30D")
        Duration holdWindow();

        /** Cadence of the scheduled approval of earnings whose window ended ({@code off} disables it). */
        @WithDefault("10m")
        String approvalEvery();

        /**
         * Cadence of the sweep that books earnings left waiting for a partner known by now ({@code off} disables it;
         * {@link io.partnerflow.payout.application.StrandedEarningsJob}).
         */
        @WithDefault("10s")
        String strandedEvery();

        /**
         * Most earnings that waited for a partner booked in ONE transaction — the partner's registration, or one round
         * of the sweep, which books the rest a chunk per transaction: a rebuild that reads the earnings before the
         * partners leaves thousands per partner, more than one consumer transaction may take (its deadline).
         */
        @WithDefault("2000")
        int releaseChunk();

        /**
         * A partner's registration books the earnings that waited for it in its own transaction only when there are at
         * most this many; more are left to the sweep. A poll of partner.events (up to 500 events) is one transaction: with
         * 4, at most ≈ one release-chunk in it, however many partners had earnings waiting.
         */
        @WithDefault("4")
        int releaseOnRegistration();
    }

    interface Statements {
        /** Time zone of statement periods (calendar months). */
        @WithDefault("UTC")
        ZoneId zone();

        /** When last month's statements are issued for every partner (Quarkus cron; {@code off} disables it). */
        @WithDefault("0 0 6 1 * ?")
        String issueCron();
    }
}
