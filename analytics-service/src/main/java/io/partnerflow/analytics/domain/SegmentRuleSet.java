package io.partnerflow.analytics.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A version of the segment rules: ordered (the first rule a partner passes assigns its segment), with the segment of
 * partners no rule takes ({@code defaultCode}, e.g. {@code steady}).
 */
public record SegmentRuleSet(int version, List<SegmentRule> rules, String defaultCode, String defaultName) {

    public SegmentRuleSet {
        // not List.copyOf: a null rule from a request must reach problems() ("rules[i]: required"), not throw here
        rules = rules == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(rules));
    }

    /** Problems as {@code field: rule} lines; empty = valid. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (rules.isEmpty() || rules.size() > 20) {
            out.add("rules: between 1 and 20 rules");
        }
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            SegmentRule r = rules.get(i);
            if (r == null) {
                out.add("rules[" + i + "]: required");
                continue;
            }
            out.addAll(r.problems("rules[" + i + "]."));
            if (r.code() != null && !codes.add(r.code())) {
                out.add("rules[" + i + "].code: '" + r.code() + "' is used twice");
            }
        }
        if (defaultCode == null || !defaultCode.matches("[a-z][a-z0-9-]{0,39}")) {
            out.add("defaultCode: lower-case letters, digits and '-', starting with a letter, at most 40");
        } else if (codes.contains(defaultCode)) {
            out.add("defaultCode: '" + defaultCode + "' is also a rule's code");
        }
        if (defaultName == null || defaultName.isBlank() || defaultName.length() > 100) {
            out.add("defaultName: required, at most 100 characters");
        }
        return out;
    }
}
