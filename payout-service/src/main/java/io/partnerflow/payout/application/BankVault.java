package io.partnerflow.payout.application;

import io.partnerflow.payout.config.PayoutConfig;
import io.partnerflow.payout.domain.bank.BankAccounts;
import io.partnerflow.payout.domain.bank.BankNumbers;
import io.partnerflow.payout.domain.crypto.Envelope;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.spec.SecretKeySpec;
import java.util.Base64;

/**
 * Seals and opens partners' bank numbers with the configured key ring ({@link Envelope}). The sealed value is bound
 * to its partner. {@link #open} is called by the payment-file writer only (and by nothing that logs or answers).
 */
@ApplicationScoped
public class BankVault {
    private final Envelope.KeyRing ring;
    private final SecretKeySpec fingerprintKey;

    @jakarta.inject.Inject
    public BankVault(PayoutConfig config) {
        this(config.bankKeys().current(), config.bankKeys().keys(), config.bankKeys().fingerprintKey());
    }

    /** From the configuration's values (also used by the V9 migration, which runs before CDI). */
    public BankVault(String current, java.util.Map<String, String> keys, String fingerprintKey) {
        this.ring = Envelope.KeyRing.ofBase64(current, keys);
        byte[] fp = Base64.getDecoder().decode(fingerprintKey.strip());
        if (fp.length < 32) {
            throw new IllegalArgumentException("payout.bank-keys.fingerprint-key must be at least 32 bytes");
        }
        this.fingerprintKey = new SecretKeySpec(fp, "HmacSHA256");
    }

    /** What is stored for a partner's bank numbers: the sealed value, its key id, a fingerprint and the masks. */
    public record Sealed(String secret, String keyId, String fingerprint, String ibanMasked, String abaMasked,
                         String accountMasked) {
        public static final Sealed NONE = new Sealed(null, null, null, null, null, null);

        @Override
        public String toString() {
            return "Sealed[keyId=" + keyId + ", iban=" + ibanMasked + ", account=" + accountMasked + "]";
        }
    }

    public Sealed seal(String partnerId, BankNumbers numbers) {
        if (numbers == null || numbers.isEmpty()) {
            return Sealed.NONE;
        }
        String secret = Envelope.seal(ring, context(partnerId), numbers.plaintext());
        return new Sealed(secret, ring.currentId(), fingerprint(numbers), BankAccounts.mask(numbers.iban()),
                BankAccounts.mask(numbers.abaRouting()), BankAccounts.mask(numbers.accountNumber()));
    }

    /** Clear bank numbers, for a payment file only. */
    public BankNumbers open(String partnerId, String secret) {
        return secret == null ? new BankNumbers(null, null, null)
                : BankNumbers.parse(Envelope.open(ring, context(partnerId), secret));
    }

    public String rewrap(String secret) {
        return Envelope.rewrap(ring, secret);
    }

    public String currentKeyId() {
        return ring.currentId();
    }

    public String fingerprint(BankNumbers numbers) {
        return Envelope.fingerprint(fingerprintKey, numbers.plaintext());
    }

    static String context(String partnerId) {
        return "bank-details:" + partnerId;
    }
}
