package io.partnerflow.partner.domain.tier;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** FX rates "1 from = rate to" by date; a lookup takes the latest rate ON OR BEFORE the date, never a guess. */
public final class FxTable {
    private final Map<String, TreeMap<LocalDate, BigDecimal>> byPair = new HashMap<>();

    public record Rate(String from, String to, LocalDate date, BigDecimal rate) {
    }

    public FxTable(List<Rate> rates) {
        for (Rate r : rates) {
            byPair.computeIfAbsent(r.from() + "/" + r.to(), k -> new TreeMap<>()).put(r.date(), r.rate());
        }
    }

    public Optional<BigDecimal> rate(String from, String to, LocalDate date) {
        if (from.equals(to)) {
            return Optional.of(BigDecimal.ONE);
        }
        TreeMap<LocalDate, BigDecimal> rates = byPair.get(from + "/" + to);
        if (rates == null) {
            return Optional.empty();
        }
        Map.Entry<LocalDate, BigDecimal> e = rates.floorEntry(date);
        return e == null ? Optional.empty() : Optional.of(e.getValue());
    }
}
