package io.partnerflow.analytics.domain.predict;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A partner-touched deal of the pipeline (latest revision): its status ({@code open}, {@code closed_lost}, {@code won}),
 * the last stage seen while open, its amount in the base currency (at the rate of its creation day; null when that
 * rate is not known), its creation and close days, and the partners that touched it.
 */
public record PipelineDeal(String dealId, String status, String openStage, Double amountBase, LocalDate createdOn,
                           LocalDate closedOn, List<String> partners) {

    public boolean closed() {
        return closedOn != null && !"open".equals(status);
    }

    /** Open at the START of {@code day}: created before it and not closed before it. */
    public boolean openAt(LocalDate day) {
        return createdOn.isBefore(day) && (closedOn == null || !closedOn.isBefore(day));
    }

    /**
     * Win rate per open stage learned from the deals closed before {@code cutoff}: (won + 1) / (closed + 2) (Laplace, so
     * a stage seen once is not 0 % or 100 %); {@code "*"} holds the rate over every stage, used for unseen stages.
     */
    public static Map<String, Double> winRates(List<PipelineDeal> deals, LocalDate cutoff) {
        Map<String, int[]> counts = new TreeMap<>();
        for (PipelineDeal d : deals) {
            if (d.closed() && d.closedOn().isBefore(cutoff)) {
                int won = "won".equals(d.status()) ? 1 : 0;
                for (String stage : new String[] {d.openStage() == null ? "(none)" : d.openStage(), "*"}) {
                    int[] c = counts.computeIfAbsent(stage, k -> new int[2]);
                    c[0] += won;
                    c[1]++;
                }
            }
        }
        Map<String, Double> rates = new TreeMap<>();
        counts.forEach((stage, c) -> rates.put(stage, (c[0] + 1.0) / (c[1] + 2.0)));
        rates.putIfAbsent("*", 0.5);
        return rates;
    }

    /**
     * Every partner's open pipeline at the start of {@code day}, each deal's base amount × its stage's win rate, split
     * evenly between the partners that touched it (a deal's credits are only known when it is won).
     */
    public static Map<String, Double> weighted(List<PipelineDeal> deals, Map<String, Double> rates, LocalDate day) {
        Map<String, Double> out = new HashMap<>();
        for (PipelineDeal d : deals) {
            if (d.amountBase() == null || d.partners().isEmpty() || !d.openAt(day)) {
                continue;
            }
            double rate = rates.getOrDefault(d.openStage() == null ? "(none)" : d.openStage(), rates.get("*"));
            double share = d.amountBase() * rate / d.partners().size();
            for (String p : d.partners()) {
                out.merge(p, share, Double::sum);
            }
        }
        return out;
    }
}
