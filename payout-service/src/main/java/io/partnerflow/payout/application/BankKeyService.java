package io.partnerflow.payout.application;

import io.partnerflow.payout.persistence.Sql;
import io.partnerflow.payout.persistence.Steps;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Key rotation without downtime: moves sealed bank details still wrapped by an older key-encryption key to the
 * current one, a page at a time (each page one transaction; only the data keys are re-wrapped — the numbers are never
 * opened). Reads keep working throughout: every value names its key.
 */
@ApplicationScoped
public class BankKeyService {
    private static final List<String[]> TABLES = List.of(new String[]{"payout_profile", "partner_id"},
            new String[]{"payout_item", "id"});
    private final BankVault vault;

    public BankKeyService(BankVault vault) {
        this.vault = vault;
    }

    public record Rewrapped(String currentKeyId, int rewrapped, long remaining) {
    }

    /** Re-wraps up to {@code limit} values per table; {@code remaining} = values still under an older key. */
    public Uni<Rewrapped> rewrap(int limit) {
        String current = vault.currentKeyId();
        int[] done = {0};
        Steps chain = Steps.start();
        for (String[] t : TABLES) {
            chain.chain(() -> Sql.query("select " + t[1] + "::text, bank_secret from " + t[0]
                            + " where bank_key_id <> ?1 order by " + t[1] + " limit ?2 for update skip locked", current, limit)
                    .chain(rows -> {
                        Steps page = Steps.start();
                        for (Sql.Row r : rows) {
                            String moved = vault.rewrap(r.str(1));
                            page.chain(() -> Sql.exec("update " + t[0] + " set bank_secret = ?1, bank_key_id = ?2 where "
                                    + t[1] + "::text = ?3", moved, current, r.str(0)));
                            done[0]++;
                        }
                        return page.run();
                    }));
        }
        return Panache.withTransaction(() -> chain.run()
                .chain(() -> Sql.one("""
                        select (select count(*) from payout_profile where bank_key_id <> ?1)
                             + (select count(*) from payout_item where bank_key_id <> ?1)""", current))
                .map(r -> new Rewrapped(current, done[0], r.lng(0))));
    }

    /** How many sealed values each key-encryption key still wraps. */
    public Uni<List<Sql.Row>> usage() {
        return Panache.withSession(() -> Sql.query("""
                select bank_key_id, count(*) from (select bank_key_id from payout_profile where bank_key_id is not null
                  union all select bank_key_id from payout_item where bank_key_id is not null) k
                 group by bank_key_id order by bank_key_id"""));
    }
}
