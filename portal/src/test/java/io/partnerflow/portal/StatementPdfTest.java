package io.partnerflow.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerflow.portal.view.StatementPdf;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PDF statement, read back with PDFBox's text extraction: the figures at currency scale, every line, many pages. */
class StatementPdfTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode statement(int lines) throws Exception {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            l.append(i == 0 ? "" : ",").append("{\"bookedAt\":\"2026-11-").append(String.format("%02d", 1 + i % 28))
                    .append("T10:00:00Z\",\"category\":\"accrued\",\"earningKind\":\"commission\",\"dealName\":\"Deal ").append(i)
                    .append(" Łódź\",\"explanation\":\"10 % of 1,000.00 EUR\",\"amount\":{\"amount\":\"100.00\",\"currency\":\"EUR\"}}");
        }
        return JSON.readTree("{\"partnerId\":\"p-1\",\"period\":\"2026-11\",\"periodStart\":\"2026-11-01\",\"periodEnd\":\"2026-11-30\","
                + "\"currency\":\"EUR\",\"status\":\"open\",\"openingBalance\":{\"amount\":\"1234.5\",\"currency\":\"EUR\"},"
                + "\"accrued\":{\"amount\":\"" + (100 * lines) + ".00\",\"currency\":\"EUR\"},\"reversed\":{\"amount\":\"0.00\",\"currency\":\"EUR\"},"
                + "\"adjusted\":{\"amount\":\"-20.00\",\"currency\":\"EUR\"},\"paid\":{\"amount\":\"-1000.00\",\"currency\":\"EUR\"},"
                + "\"closingBalance\":{\"amount\":\"" + (1234.5 + 100 * lines - 1020) + "0\",\"currency\":\"EUR\"},\"lines\":[" + l + "]}");
    }

    @Test
    void theFiguresAndEveryLineAreInThePdf() throws Exception {
        byte[] pdf = StatementPdf.of(statement(3), "Northwind Traders");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("Statement 2026-11 (EUR)"), text);
            assertTrue(text.contains("Northwind Traders"), text);
            assertTrue(text.contains("Opening balance") && text.contains("1,234.50 EUR"), text);
            assertTrue(text.contains("Closing balance") && text.contains("514.50 EUR"), text);
            assertTrue(text.contains("-1,000.00 EUR"), text);
            assertEquals(3, text.split("Deal ", -1).length - 1, text);
            assertTrue(text.contains("Deal 0 ?ód?"), "a character Helvetica cannot draw is replaced, not an error: " + text);
        }
    }

    @Test
    void aLongStatementGoesOnSeveralPages() throws Exception {
        try (PDDocument doc = Loader.loadPDF(StatementPdf.of(statement(120), "Northwind"))) {
            assertTrue(doc.getNumberOfPages() >= 3, "pages: " + doc.getNumberOfPages());
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("Deal 119"), "the last line is there");
        }
    }
}
