package io.partnerflow.incentive.application;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.core.ids.NameBasedIds;
import io.partnerflow.incentive.domain.ProgramDefinition;
import io.partnerflow.incentive.domain.ProgramValidator;
import io.partnerflow.incentive.domain.RuleKind;
import io.partnerflow.incentive.domain.RuleSpec;
import io.partnerflow.incentive.domain.calc.ActiveProgram;
import io.partnerflow.incentive.domain.calc.ActiveRule;
import io.partnerflow.platform.persistence.Db;
import io.partnerflow.platform.problem.Problem;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Programs and rules: versioned, effective-dated, validated on write, audited. */
@ApplicationScoped
public class ProgramCatalog {
    private final Clock clock;

    public ProgramCatalog(Clock clock) {
        this.clock = clock;
    }

    public record RuleVersionView(String key, UUID ruleId, int version, String kind) {
    }

    public record VersionView(UUID programId, String code, int version, Instant effectiveFrom, Instant effectiveTo,
                              String createdBy, Instant createdAt, List<RuleVersionView> rules, ProgramDefinition definition) {
    }

    /** Validates and stores a new version of the program {@code def.code()}; runs in its own transaction. */
    public Uni<VersionView> publish(ProgramDefinition def, String actor) {
        List<ProgramValidator.Problem> problems = ProgramValidator.validate(def);
        if (!problems.isEmpty()) {
            throw new ProblemException(422, "Unprocessable Content", "the program is not valid: " + problems.size() + " problem(s)",
                    "urn:partnerflow:problem:rule-violation",
                    problems.stream().map(p -> new Problem.FieldError(p.field(), p.message())).toList());
        }
        Instant now = clock.instant();
        ProgramDefinition stored = new ProgramDefinition(def.code(), def.name(), def.priorityOrZero(), def.exclusivityGroup(),
                def.effectiveFrom() == null ? now : def.effectiveFrom(), def.effectiveTo(), def.rules());
        UUID programId = NameBasedIds.of("incentive.program", def.code());
        String json = EventJson.writeString(stored);
        return Panache.withTransaction(() -> Db.exec("insert into program (program_id, code, created_at) values (?1, ?2, ?3) on conflict do nothing",
                        programId, def.code(), now)
                .chain(() -> Db.rows("select version, definition from program_version where program_id = ?1 order by version desc limit 1 for update", programId))
                .chain(prev -> {
                    int version = prev.isEmpty() ? 1 : ((Number) prev.get(0)[0]).intValue() + 1;
                    String before = prev.isEmpty() ? null : (String) prev.get(0)[1];
                    return Db.exec("insert into program_version (program_id, version, effective_from, effective_to, definition, created_by, created_at) "
                                    + "values (?1, ?2, ?3, cast(?4 as timestamptz), ?5, ?6, ?7)",
                            programId, version, stored.effectiveFrom(),
                            stored.effectiveTo(), json, actor, now)
                            .chain(() -> ruleVersions(programId, version, stored))
                            .call(rules -> Audit.record("program", def.code(), actor, now, before, json))
                            .map(rules -> new VersionView(programId, def.code(), version, stored.effectiveFrom(),
                                    stored.effectiveTo(), actor, now, rules, stored));
                }));
    }

    private Uni<List<RuleVersionView>> ruleVersions(UUID programId, int programVersion, ProgramDefinition def) {
        Uni<List<RuleVersionView>> chain = Uni.createFrom().item(new ArrayList<>());
        for (RuleSpec r : def.rules()) {
            UUID ruleId = NameBasedIds.of("incentive.rule", programId, r.key());
            String json = EventJson.writeString(r);
            chain = chain.chain(list -> Db.rows("select version, definition from rule_version where rule_id = ?1 order by version desc limit 1", ruleId)
                    .chain(prev -> {
                        int v;
                        if (prev.isEmpty()) {
                            v = 1;
                        } else {
                            int last = ((Number) prev.get(0)[0]).intValue();
                            v = json.equals(prev.get(0)[1]) ? last : last + 1;
                        }
                        return Db.exec("insert into rule_version (rule_id, version, program_id, program_version, rule_key, kind, definition) "
                                        + "values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict (rule_id, version) do nothing",
                                ruleId, v, programId, programVersion, r.key(), r.kind().wire(), json)
                                .map(x -> {
                                    list.add(new RuleVersionView(r.key(), ruleId, v, r.kind().wire()));
                                    return list;
                                });
                    }));
        }
        return chain;
    }

    /** Every program version with its rule versions (small: loaded per computation, inside the caller's session). */
    public Uni<List<ActiveProgram>> all() {
        return Db.rows("select program_id, version, effective_from, effective_to, definition from program_version")
                .chain(versions -> Db.rows("select rule_id, version, program_id, rule_key, definition from rule_version")
                        .map(rules -> {
                            Map<String, Object[]> byDef = byDefinition(rules);
                            List<ActiveProgram> out = new ArrayList<>();
                            for (Object[] v : versions) {
                                ProgramDefinition def = EventJson.readString((String) v[4], ProgramDefinition.class);
                                UUID programId = (UUID) v[0];
                                List<ActiveRule> active = new ArrayList<>();
                                for (RuleSpec r : def.rules()) {
                                    Object[] rv = byDef.get(programId + "|" + r.key() + "|" + EventJson.writeString(r));
                                    if (rv != null) {
                                        active.add(new ActiveRule((UUID) rv[0], ((Number) rv[1]).intValue(), r));
                                    }
                                }
                                out.add(new ActiveProgram(programId, def.code(), def.name(), def.priorityOrZero(),
                                        def.exclusivityGroup(), ((Number) v[1]).intValue(), Db.instant(v[2]), Db.instant(v[3]), active));
                            }
                            return out;
                        }));
    }

    /** rule_version rows by "programId|key|definition" (a definition identifies its version). */
    private static Map<String, Object[]> byDefinition(List<Object[]> rules) {
        Map<String, Object[]> byDef = new HashMap<>();
        for (Object[] r : rules) {
            byDef.put(r[2] + "|" + r[3] + "|" + r[4], r);
        }
        return byDef;
    }

    /** The program versions in force at {@code at} (see {@link ActiveProgram#inForce}). */
    public static List<ActiveProgram> inForce(List<ActiveProgram> all, Instant at) {
        return ActiveProgram.inForce(all, at);
    }

    public Uni<List<VersionView>> versions(String code) {
        return Panache.withSession(() -> Db.rows("""
                        select v.program_id, v.version, v.effective_from, v.effective_to, v.created_by, v.created_at, v.definition
                        from program_version v join program p on p.program_id = v.program_id where p.code = ?1 order by v.version""", code)
                .chain(rows -> Db.rows("select r.rule_id, r.version, r.program_id, r.rule_key, r.definition from rule_version r "
                                + "join program p on p.program_id = r.program_id where p.code = ?1", code)
                        .map(rules -> {
                            Map<String, Object[]> byDef = byDefinition(rules);
                            return rows.stream().map(r -> {
                                ProgramDefinition def = EventJson.readString((String) r[6], ProgramDefinition.class);
                                List<RuleVersionView> rv = new ArrayList<>();
                                for (RuleSpec s : def.rules()) {
                                    Object[] x = byDef.get(r[0] + "|" + s.key() + "|" + EventJson.writeString(s));
                                    if (x != null) {
                                        rv.add(new RuleVersionView(s.key(), (UUID) x[0], ((Number) x[1]).intValue(), s.kind().wire()));
                                    }
                                }
                                return new VersionView((UUID) r[0], code, ((Number) r[1]).intValue(), Db.instant(r[2]), Db.instant(r[3]),
                                        (String) r[4], Db.instant(r[5]), rv, def);
                            }).toList();
                        })));
    }

    public record AuditEntry(String actor, Instant at, String before, String after) {
    }

    public Uni<List<AuditEntry>> audit(String entity, String id) {
        return Panache.withSession(() -> Db.rows("select actor, at, before, after from config_audit where entity = ?1 and entity_id = ?2 order by id", entity, id)
                .map(rows -> rows.stream().map(r -> new AuditEntry((String) r[0], Db.instant(r[1]), (String) r[2], (String) r[3])).toList()));
    }
}
