package io.partnerflow.partner.application;

import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.partner.PartnerCertificationCompleted;
import io.partnerflow.partner.api.PartnerDtos.CertificationView;
import io.partnerflow.partner.api.PartnerDtos.RecordCertification;
import io.partnerflow.partner.domain.Ids;
import io.partnerflow.partner.persistence.CertificationEntity;
import io.partnerflow.platform.outbox.OutboxWriter;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Certification completions. Idempotent per person + certification + completion date (UTC): the id is
 * name-based on that key, the table's unique key backs it, and a duplicate answers the original without a
 * second event.
 */
@ApplicationScoped
public class CertificationService {
    private static final String INSERT = """
            insert into partner_certification (id, partner_id, person_id, person_name, certification_code,
                certification_name, level, completed_at, completed_on, expires_at, source, recorded_at, recorded_by)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
            on conflict (partner_id, person_id, certification_code, completed_on) do nothing""";

    private final OutboxWriter outbox;
    private final Clock clock;

    public CertificationService(OutboxWriter outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The recorded completion and whether this call created it (false = an idempotent repeat). */
    public record Recorded(CertificationView view, boolean created) {
    }

    public Uni<Recorded> record(UUID partnerId, RecordCertification cmd, String actor) {
        Instant now = Times.now(clock);
        if (cmd.completedAt().isAfter(now)) {
            throw ProblemException.badRequest("completedAt " + cmd.completedAt() + " is in the future",
                    new io.partnerflow.platform.problem.Problem.FieldError("completedAt", "must not be in the future"));
        }
        if (cmd.expiresAt() != null && !cmd.expiresAt().isAfter(cmd.completedAt())) {
            throw ProblemException.badRequest("expiresAt must be after completedAt",
                    new io.partnerflow.platform.problem.Problem.FieldError("expiresAt", "must be after completedAt"));
        }
        LocalDate completedOn = LocalDate.ofInstant(cmd.completedAt(), ZoneOffset.UTC);
        String personId = cmd.personId().trim();
        UUID id = Ids.nameBased("certification", partnerId.toString(), personId, cmd.certificationCode(),
                completedOn.toString());
        String source = cmd.source() == null ? "manual" : cmd.source().name().toLowerCase(Locale.ROOT);
        return Panache.withTransaction(() -> PartnerService.find(partnerId)
                .chain(p -> Panache.getSession().chain(s -> s.createNativeQuery(INSERT)
                        .setParameter(1, id)
                        .setParameter(2, partnerId)
                        .setParameter(3, personId)
                        .setParameter(4, PartnerService.blankToNull(cmd.personName()))
                        .setParameter(5, cmd.certificationCode())
                        .setParameter(6, cmd.certificationName().trim())
                        .setParameter(7, PartnerService.blankToNull(cmd.level()))
                        .setParameter(8, utc(cmd.completedAt()))
                        .setParameter(9, completedOn)
                        .setParameter(10, cmd.expiresAt() == null ? null : utc(cmd.expiresAt()))
                        .setParameter(11, source)
                        .setParameter(12, utc(now))
                        .setParameter(13, actor)
                        .executeUpdate()))
                .chain(rows -> CertificationEntity.<CertificationEntity>find(
                                "partnerId = ?1 and personId = ?2 and certificationCode = ?3 and completedOn = ?4",
                                partnerId, personId, cmd.certificationCode(), completedOn).firstResult()
                        .chain(c -> {
                            if (rows == 0) {
                                return Uni.createFrom().item(new Recorded(view(c), false));
                            }
                            PartnerCertificationCompleted data = new PartnerCertificationCompleted(
                                    partnerId.toString(), c.id.toString(), c.certificationCode, c.certificationName,
                                    c.level, c.personId, c.personName, c.completedAt, c.expiresAt, c.source);
                            return outbox.append(PartnerService.event(c.id, EventType.PARTNER_CERTIFICATION_COMPLETED,
                                            partnerId, now, data))
                                    .replaceWith(new Recorded(view(c), true));
                        })));
    }

    /** The partner's completions, newest first; with {@code activeAt}, only those valid at that instant. */
    public Uni<List<CertificationView>> list(UUID partnerId, Instant activeAt) {
        return Panache.withSession(() -> PartnerService.find(partnerId).chain(p -> activeAt == null
                ? CertificationEntity.<CertificationEntity>list("partnerId = ?1 order by completedAt desc, id", partnerId)
                : CertificationEntity.<CertificationEntity>list("partnerId = ?1 and completedAt <= ?2 and "
                        + "(expiresAt is null or expiresAt > ?2) order by completedAt desc, id", partnerId, activeAt))
                .map(l -> l.stream().map(CertificationService::view).toList()));
    }

    private static OffsetDateTime utc(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    static CertificationView view(CertificationEntity c) {
        return new CertificationView(c.id, c.partnerId, c.personId, c.personName, c.certificationCode,
                c.certificationName, c.level, c.completedAt, c.expiresAt, c.source, c.recordedAt, c.recordedBy);
    }
}
