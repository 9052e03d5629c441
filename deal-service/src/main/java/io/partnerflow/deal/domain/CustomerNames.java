package io.partnerflow.deal.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/** Normalises a customer name for matching: "ACME, Inc." = "Acme Inc" = "acme". */
public final class CustomerNames {
    private static final Set<String> LEGAL_FORMS = Set.of("inc", "incorporated", "corp", "corporation", "co",
            "company", "ltd", "limited", "llc", "llp", "plc", "gmbh", "ag", "kg", "se", "sa", "sas", "sarl", "srl",
            "spa", "bv", "nv", "oy", "ab", "as", "aps", "pty", "kk");

    private CustomerNames() {
    }

    public static String key(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidCrmDataException("customer name is missing");
        }
        String s = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim();
        String[] words = s.split(" ");
        int end = words.length;
        while (end > 1 && LEGAL_FORMS.contains(words[end - 1])) {
            end--;
        }
        return String.join(" ", java.util.Arrays.copyOf(words, end));
    }
}
