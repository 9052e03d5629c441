package db.migration;

import io.partnerflow.payout.application.BankVault;
import io.partnerflow.payout.domain.bank.BankNumbers;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

/**
 * Seals the clear bank numbers of existing payout profiles and payout items with the configured current
 * key-encryption key (payout.bank-keys.*), fills their masks and fingerprints, and clears the clear columns
 * (V10 drops them). Runs in Flyway's transaction: all rows or none.
 */
public class V9__seal_clear_bank_numbers extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        BankVault vault = vaultFromConfig(ConfigProvider.getConfig());
        Connection c = context.getConnection();
        seal(c, vault, "payout_profile", "partner_id");
        seal(c, vault, "payout_item", "id");
    }

    static BankVault vaultFromConfig(Config config) {
        String current = config.getValue("payout.bank-keys.current", String.class);
        // sealing needs the current key only (looked up by name: works for keys given by environment variables too)
        Map<String, String> keys = Map.of(current, config.getValue("payout.bank-keys.keys." + current, String.class));
        return new BankVault(current, keys, config.getValue("payout.bank-keys.fingerprint-key", String.class));
    }

    private static void seal(Connection c, BankVault vault, String table, String idColumn) throws Exception {
        String select = "select " + idColumn + "::text, partner_id, iban, aba_routing, account_number from " + table
                + " where iban is not null or aba_routing is not null or account_number is not null for update";
        String update = "update " + table + " set bank_secret = ?, bank_key_id = ?, bank_fingerprint = ?, iban_masked = ?,"
                + " aba_masked = ?, account_masked = ?, iban = null, aba_routing = null, account_number = null"
                + " where " + idColumn + "::text = ?";
        try (PreparedStatement read = c.prepareStatement(select); ResultSet rs = read.executeQuery();
             PreparedStatement write = c.prepareStatement(update)) {
            while (rs.next()) {
                BankVault.Sealed s = vault.seal(rs.getString(2), new BankNumbers(rs.getString(3), rs.getString(4), rs.getString(5)));
                write.setString(1, s.secret());
                write.setString(2, s.keyId());
                write.setString(3, s.fingerprint());
                write.setString(4, s.ibanMasked());
                write.setString(5, s.abaMasked());
                write.setString(6, s.accountMasked());
                write.setString(7, rs.getString(1));
                write.addBatch();
            }
            write.executeBatch();
        }
    }
}
