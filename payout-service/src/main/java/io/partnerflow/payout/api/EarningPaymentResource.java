package io.partnerflow.payout.api;

import io.partnerflow.core.money.Money;
import io.partnerflow.payout.domain.export.NachaWriter;
import io.partnerflow.payout.domain.export.Pain001Writer;
import io.partnerflow.payout.persistence.Sql;
import io.partnerflow.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The last step of an earning's explanation: the payout items (bank-file lines) that carried it, newest first — the
 * run, the item, the identifier the bank file gives that line (SEPA {@code EndToEndId}, NACHA individual
 * identification), and what the bank did with it. A released line (item failed, run cancelled) stays listed.
 */
@Path("/")
@SecurityRequirement(name = "SecurityScheme")
public class EarningPaymentResource {
    private final EarningResource earnings;

    public EarningPaymentResource(EarningResource earnings) {
        this.earnings = earnings;
    }

    public record PaymentLineView(UUID runId, String runStatus, LocalDate cutoff, UUID itemId, String method, String file,
                                  String lineId, MoneyView lineAmount, MoneyView itemAmount, String itemStatus,
                                  String bankReference, LocalDate valueDate, String failureReason, boolean released) {
    }

    @GET
    @Path("earnings/{earningId}/payments")
    @RolesAllowed({Roles.ADMIN, Roles.FINANCE, Roles.CHANNEL_MANAGER, Roles.PARTNER})
    public Uni<List<PaymentLineView>> payments(@PathParam("earningId") UUID earningId) {
        return earnings.visible(earningId).chain(e -> Panache.withSession(() -> Sql.query("""
                        select r.id as run_id, r.status as run_status, r.cutoff, i.id as item_id, i.method, pie.amount as line_amount,
                               i.amount as item_amount, i.currency, i.status as item_status, i.bank_reference, i.value_date,
                               i.failure_reason, pie.released
                        from payout_item_earning pie
                        join payout_item i on i.id = pie.item_id
                        join payout_run r on r.id = i.run_id
                        where pie.earning_id = ?1
                        order by r.created_at desc, i.id""", earningId))
                .map(rows -> rows.stream().map(EarningPaymentResource::view).toList()));
    }

    // columns: 0 run_id, 1 run_status, 2 cutoff, 3 item_id, 4 method, 5 line_amount, 6 item_amount, 7 currency,
    // 8 item_status, 9 bank_reference, 10 value_date, 11 failure_reason, 12 released
    private static PaymentLineView view(Sql.Row r) {
        String itemId = r.uuid(3).toString();
        String method = r.str(4);
        boolean ach = "ach".equals(method);
        boolean sepa = "sepa_credit_transfer".equals(method);
        String file = ach ? "nacha.txt" : sepa ? "pain001.xml" : null; // manual: paid outside a bank file
        String lineId = ach ? NachaWriter.identification(itemId) : sepa ? endToEnd(itemId) : itemId;
        String currency = r.str(7);
        return new PaymentLineView(r.uuid(0), r.str(1), r.date(2), r.uuid(3), method, file, lineId,
                MoneyView.of(Money.of(r.dec(5), currency)), MoneyView.of(Money.of(r.dec(6), currency)), r.str(8), r.str(9),
                r.date(10), r.str(11), r.bool(12));
    }

    private static String endToEnd(String itemId) {
        try {
            return Pain001Writer.endToEndId(itemId);
        } catch (IllegalArgumentException e) {
            return itemId;
        }
    }
}
