package io.partnerflow.deal.application;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.deal.DealLine;
import io.partnerflow.deal.domain.LineData;

import java.util.List;

/** Deal lines as stored (JSON text) and as published. */
final class Lines {

    private Lines() {
    }

    static String write(List<LineData> lines) {
        return EventJson.writeString(lines);
    }

    static List<LineData> read(String json) {
        try {
            return List.of(EventJson.readString(json, LineData[].class));
        } catch (Exception e) {
            throw new IllegalStateException("stored deal lines are unreadable: " + e.getMessage(), e);
        }
    }

    static List<DealLine> contract(List<LineData> lines) {
        return lines.stream().map(l -> new DealLine(l.lineNumber(), l.sku(), l.productName(), l.category(), null,
                l.quantity(), l.unitPrice(), l.amount())).toList();
    }
}
