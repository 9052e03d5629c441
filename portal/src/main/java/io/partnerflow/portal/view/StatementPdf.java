package io.partnerflow.portal.view;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A partner's statement of one month and currency as PDF (A4), from payout-service's statement (the same figures as
 * the CSV: opening balance, accrued, reversed, adjusted, paid, closing balance, then every line). Amounts are the
 * service's decimal strings shown at the currency's scale ({@link Amount}); nothing is computed here. Helvetica
 * (standard 14, WinAnsi): a character it cannot draw is printed as '?'.
 */
public final class StatementPdf {
    private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private static final float MARGIN = 48;
    private static final float LEADING = 13;

    private StatementPdf() {
    }

    public static byte[] of(JsonNode s, String partnerName) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("Statement " + s.path("period").asText() + " " + s.path("currency").asText());
            info.setCreator("Partnerflow portal");
            Writer w = new Writer(doc);
            w.line(BOLD, 15, "Statement " + s.path("period").asText() + " (" + s.path("currency").asText() + ")");
            w.line(REGULAR, 10, partnerName + "  -  partner " + s.path("partnerId").asText());
            w.line(REGULAR, 10, "Period " + s.path("periodStart").asText() + " to " + s.path("periodEnd").asText() + ", status "
                    + s.path("status").asText() + (s.hasNonNull("issuedAt") ? ", issued " + s.path("issuedAt").asText() : ""));
            w.gap();
            for (String[] f : new String[][]{{"Opening balance", "openingBalance"}, {"Accrued", "accrued"}, {"Reversed", "reversed"},
                    {"Adjusted", "adjusted"}, {"Paid", "paid"}, {"Closing balance", "closingBalance"}}) {
                w.columns(f[0].startsWith("Closing") ? BOLD : REGULAR, f[0], money(s.path(f[1])));
            }
            w.gap();
            w.line(BOLD, 11, "Lines");
            for (JsonNode l : s.path("lines")) {
                String what = l.path("category").asText() + " - " + l.path("earningKind").asText(l.path("journalKind").asText())
                        + (l.hasNonNull("dealName") ? " - " + l.path("dealName").asText() : "");
                w.columns(REGULAR, l.path("bookedAt").asText().replace('T', ' ').replaceAll("\\.\\d+Z$|Z$", "") + "  " + what,
                        money(l.path("amount")));
                if (l.hasNonNull("explanation")) {
                    w.line(REGULAR, 8, "    " + l.path("explanation").asText());
                }
            }
            if (s.path("lines").isEmpty()) {
                w.line(REGULAR, 10, "No lines in this period.");
            }
            w.close();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String money(JsonNode m) {
        return m.isMissingNode() || m.isNull() ? "" : Amount.of(m.path("amount").asText("0"), m.path("currency").asText("XXX")).text();
    }

    /** Writes lines top-down, a new page when one is full. */
    private static final class Writer {
        private final PDDocument doc;
        private PDPageContentStream out;
        private float y;

        Writer(PDDocument doc) throws IOException {
            this.doc = doc;
            newPage();
        }

        void line(PDType1Font font, float size, String text) throws IOException {
            for (String part : wrap(safe(font, text), font, size, PDRectangle.A4.getWidth() - 2 * MARGIN)) {
                room();
                out.beginText();
                out.setFont(font, size);
                out.newLineAtOffset(MARGIN, y);
                out.showText(part);
                out.endText();
                y -= Math.max(LEADING, size + 3);
            }
        }

        /** Text on the left, an amount right-aligned. */
        void columns(PDType1Font font, String left, String right) throws IOException {
            room();
            float size = 10;
            String r = safe(font, right);
            float rightWidth = font.getStringWidth(r) / 1000 * size;
            String l = wrap(safe(font, left), font, size, PDRectangle.A4.getWidth() - 2 * MARGIN - rightWidth - 12).get(0);
            out.beginText();
            out.setFont(font, size);
            out.newLineAtOffset(MARGIN, y);
            out.showText(l);
            out.endText();
            out.beginText();
            out.setFont(font, size);
            out.newLineAtOffset(PDRectangle.A4.getWidth() - MARGIN - rightWidth, y);
            out.showText(r);
            out.endText();
            y -= LEADING;
        }

        void gap() {
            y -= LEADING / 2;
        }

        void close() throws IOException {
            out.close();
        }

        private void room() throws IOException {
            if (y < MARGIN) {
                out.close();
                newPage();
            }
        }

        private void newPage() throws IOException {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            out = new PDPageContentStream(doc, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        private static List<String> wrap(String text, PDType1Font font, float size, float width) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String word : text.split(" ")) {
                String candidate = current.isEmpty() ? word : current + " " + word;
                if (!current.isEmpty() && font.getStringWidth(candidate) / 1000 * size > width) {
                    lines.add(current.toString());
                    current = new StringBuilder(word);
                } else {
                    current = new StringBuilder(candidate);
                }
            }
            lines.add(current.toString());
            return lines;
        }

        /** Characters the font cannot encode (and control characters) become '?'. */
        private static String safe(PDType1Font font, String text) {
            StringBuilder b = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                String ch = new String(Character.toChars(cp));
                i += ch.length();
                try {
                    font.encode(ch);
                    b.append(cp < 0x20 ? "?" : ch);
                } catch (IOException | IllegalArgumentException e) {
                    b.append('?');
                }
            }
            return b.toString();
        }
    }
}
