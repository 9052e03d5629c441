package io.partnerflow.platform.persistence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Hibernate-style native statement ({@code ?1, ?2, …}) as the Vert.x pg client takes it ({@code $1, $2, …}), bound
 * the way Hibernate bound it: every occurrence of a parameter is a placeholder of its own ({@code status = ?2 … case
 * when ?2 = 'applied'} gives PostgreSQL two parameters, so it deduces a type for each; one shared {@code $2} would
 * fail with "inconsistent types deduced"), and a collection-valued parameter expands to a list ({@code in (?2)} with
 * three ids is {@code in ($2, $3, $4)}; an empty collection is {@code null}: {@code x in (null)} matches nothing).
 * Pure: no I/O. The rewriting of a statement without collections is computed once and cached (bounded).
 */
record NativeSql(String sql, Object[] params) {
    private static final Pattern POSITIONAL = Pattern.compile("\\?(\\d+)");
    private static final int MAX_PLANS = 2048;
    private static final Map<String, Plan> PLANS = new ConcurrentHashMap<>();

    /** The rewritten SQL, and for each of its placeholders the (0-based) index of the parameter that feeds it. */
    private record Plan(String sql, int[] source) {
    }

    static NativeSql of(String sql, Object[] params) {
        if (hasCollection(params)) {
            return expanded(sql, params); // SQL text depends on the collections' sizes: not cached
        }
        Plan plan = PLANS.get(sql);
        if (plan == null) {
            plan = plan(sql);
            if (PLANS.size() < MAX_PLANS) { // the same few hundred statements again and again; bounded all the same
                PLANS.put(sql, plan);
            }
        }
        Object[] bound = new Object[plan.source.length];
        for (int k = 0; k < bound.length; k++) {
            int i = plan.source[k];
            if (i >= params.length) {
                throw new IllegalArgumentException("parameter ?" + (i + 1) + " has no value (" + params.length + " given): " + sql);
            }
            bound[k] = params[i];
        }
        return new NativeSql(plan.sql, bound);
    }

    private static Plan plan(String sql) {
        Matcher m = POSITIONAL.matcher(sql);
        StringBuilder out = new StringBuilder(sql.length() + 16);
        List<Integer> source = new ArrayList<>();
        while (m.find()) {
            source.add(index(m, sql));
            m.appendReplacement(out, "\\$" + source.size());
        }
        m.appendTail(out);
        return new Plan(out.toString(), source.stream().mapToInt(Integer::intValue).toArray());
    }

    private static NativeSql expanded(String sql, Object[] params) {
        Matcher m = POSITIONAL.matcher(sql);
        StringBuilder out = new StringBuilder(sql.length() + 32);
        List<Object> flat = new ArrayList<>(params.length + 8);
        while (m.find()) {
            int i = index(m, sql);
            if (i >= params.length) {
                throw new IllegalArgumentException("parameter ?" + (i + 1) + " has no value (" + params.length + " given): " + sql);
            }
            StringBuilder p = new StringBuilder();
            if (params[i] instanceof Collection<?> c) {
                for (Object element : c) {
                    flat.add(element);
                    p.append(p.isEmpty() ? "" : ", ").append('$').append(flat.size());
                }
                if (p.isEmpty()) {
                    p.append("null");
                }
            } else {
                flat.add(params[i]);
                p.append('$').append(flat.size());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(p.toString()));
        }
        m.appendTail(out);
        return new NativeSql(out.toString(), flat.toArray());
    }

    private static int index(Matcher m, String sql) {
        int n = Integer.parseInt(m.group(1));
        if (n < 1) {
            throw new IllegalArgumentException("parameter ?" + n + " (they start at ?1): " + sql);
        }
        return n - 1;
    }

    private static boolean hasCollection(Object[] params) {
        for (Object p : params) {
            if (p instanceof Collection<?>) {
                return true;
            }
        }
        return false;
    }
}
