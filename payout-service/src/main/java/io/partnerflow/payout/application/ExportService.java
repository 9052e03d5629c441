package io.partnerflow.payout.application;

import io.partnerflow.payout.config.PayoutConfig;
import io.partnerflow.payout.domain.bank.BankNumbers;
import io.partnerflow.payout.domain.export.NachaConfig;
import io.partnerflow.payout.domain.export.NachaWriter;
import io.partnerflow.payout.domain.export.Pain001Writer;
import io.partnerflow.payout.domain.export.PayeeItem;
import io.partnerflow.payout.domain.export.PaymentFiles;
import io.partnerflow.payout.domain.export.SepaDebtor;
import io.partnerflow.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.List;

/**
 * A run's files: CSV of every item (bank numbers masked), pain.001.001.09 for EUR items to IBANs, NACHA for USD
 * items to US accounts, and the list of items to pay by hand (other currencies/methods, unusable details). Files
 * are produced from an approved run only and are deterministic (same run → same bytes).
 */
@ApplicationScoped
public class ExportService {
    private final PayoutConfig config;
    private final BankVault vault;

    public ExportService(PayoutConfig config, BankVault vault) {
        this.config = config;
        this.vault = vault;
    }

    /** The payee of an item with its bank numbers opened: the one place clear numbers exist (a payment file). */
    PayeeItem payee(RunService.RunRow run, RunService.ItemRow i) {
        return payee(run, i, vault.open(i.partnerId(), i.bankSecret()));
    }

    public static PayeeItem payee(RunService.RunRow run, RunService.ItemRow i, BankNumbers n) {
        PayeeItem.Method method = switch (i.method()) {
            case "sepa_credit_transfer" -> PayeeItem.Method.SEPA;
            case "ach" -> PayeeItem.Method.ACH;
            default -> PayeeItem.Method.MANUAL;
        };
        PayeeItem.AccountType type = i.accountType() == null ? null : PayeeItem.AccountType.valueOf(i.accountType());
        String name = i.accountHolder() != null ? i.accountHolder() : i.partnerName() != null ? i.partnerName() : i.partnerId();
        return new PayeeItem(i.id().toString(), i.partnerId(), name, i.amount(), method, n.iban(), i.bic(), n.abaRouting(),
                n.accountNumber(), type, i.business(), "Partnerflow payout " + run.period() + " run " + run.id().toString().substring(0, 8));
    }

    public PaymentFiles.Split split(RunService.RunRow run, List<RunService.ItemRow> items) {
        return PaymentFiles.split(items.stream().filter(i -> !"cancelled".equals(i.status())).map(i -> payee(run, i)).toList());
    }

    private static void requireApproved(RunService.RunRow run) {
        if (run.approvedAt() == null) {
            throw ProblemException.conflict("run " + run.id() + " is " + run.status() + ": payment files exist once it is approved");
        }
    }

    public String pain001(RunService.RunRow run, List<RunService.ItemRow> items) {
        requireApproved(run);
        List<PayeeItem> sepa = split(run, items).sepa();
        if (sepa.isEmpty()) {
            throw ProblemException.notFound("run " + run.id() + " has no SEPA items");
        }
        PayoutConfig.Sepa s = config.sepa();
        return Pain001Writer.write(new SepaDebtor(s.debtorName(), s.debtorIban(), s.debtorBic().orElse(null), s.initiatingPartyId()),
                run.id().toString().replace("-", ""), run.approvedAt(), executionDate(run), sepa);
    }

    public String nacha(RunService.RunRow run, List<RunService.ItemRow> items) {
        requireApproved(run);
        List<PayeeItem> ach = split(run, items).nacha();
        if (ach.isEmpty()) {
            throw ProblemException.notFound("run " + run.id() + " has no ACH items");
        }
        PayoutConfig.Nacha n = config.nacha();
        NachaConfig cfg = new NachaConfig(n.immediateDestination(), n.immediateDestinationName(), n.immediateOrigin(),
                n.immediateOriginName(), n.companyName(), n.companyId(), n.originatingDfi(), n.companyEntryDescription());
        return NachaWriter.write(cfg, executionDate(run), run.approvedAt(), 'A', ach);
    }

    /** Every item, masked; {@code file} says where it is paid: sepa, nacha or manual (with the reason). */
    public String itemsCsv(RunService.RunRow run, List<RunService.ItemRow> items) {
        PaymentFiles.Split split = split(run, items);
        StringBuilder csv = new StringBuilder("run_id,item_id,partner_id,partner_name,amount,currency,method,file,manual_reason,"
                + "account,earning_count,status,bank_reference,failure_code,failure_reason\n");
        for (RunService.ItemRow i : items) {
            String id = i.id().toString();
            String file = split.sepa().stream().anyMatch(p -> p.itemId().equals(id)) ? "sepa"
                    : split.nacha().stream().anyMatch(p -> p.itemId().equals(id)) ? "nacha" : "manual";
            String reason = split.manual().stream().filter(m -> m.item().itemId().equals(id)).map(PaymentFiles.ManualPayment::reason)
                    .findFirst().orElse("");
            String account = i.maskedAccount() == null ? "" : i.maskedAccount();
            Csv.row(csv, run.id().toString(), id, i.partnerId(), i.partnerName(), i.amount().amountString(),
                    i.amount().currencyCode(), i.method(), "cancelled".equals(i.status()) ? "" : file, reason, account,
                    String.valueOf(i.earningCount()), i.status(), i.bankReference(), i.failureCode(), i.failureReason());
        }
        return csv.toString();
    }

    /** The requested execution / effective entry date: the approval day (UTC). */
    static LocalDate executionDate(RunService.RunRow run) {
        return LocalDate.ofInstant(run.approvedAt(), java.time.ZoneOffset.UTC);
    }
}
