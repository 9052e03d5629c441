package io.partnerflow.partner.application;

import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.Topics;
import io.partnerflow.contracts.partner.PartnerRegistered;
import io.partnerflow.partner.api.PartnerDtos.CreatePartner;
import io.partnerflow.partner.api.PartnerDtos.Page;
import io.partnerflow.partner.api.PartnerDtos.PartnerView;
import io.partnerflow.partner.domain.PartnerStatus;
import io.partnerflow.partner.domain.WebDomains;
import io.partnerflow.partner.persistence.PartnerEntity;
import io.partnerflow.partner.persistence.PartnerWebDomainEntity;
import io.partnerflow.platform.outbox.OutboxEvent;
import io.partnerflow.platform.outbox.OutboxWriter;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Partner use cases; each write is ONE transaction holding the aggregate rows and the outbox row. */
@ApplicationScoped
public class PartnerService {
    private final OutboxWriter outbox;
    private final Clock clock;

    public PartnerService(OutboxWriter outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<PartnerView> register(CreatePartner cmd) {
        Set<String> domains = normaliseDomains(cmd.webDomains());
        requireCurrency(cmd.payoutCurrency());
        Instant now = clock.instant();
        PartnerEntity p = new PartnerEntity();
        p.id = UUID.randomUUID();
        p.name = cmd.name().trim();
        p.legalName = cmd.legalName();
        p.type = cmd.type();
        p.status = PartnerStatus.PROSPECT;
        p.country = cmd.country();
        p.payoutCurrency = cmd.payoutCurrency();
        p.createdAt = now;
        p.updatedAt = now;
        List<String> domainList = List.copyOf(domains);
        return Panache.withTransaction(() -> p.<PartnerEntity>persist()
                        .chain(() -> persistDomains(p.id, domainList))
                        .chain(() -> outbox.append(registered(p, domainList)))
                        .chain(() -> Panache.flush()))
                .onFailure(PartnerService::isUniqueViolation)
                .transform(e -> ProblemException.conflict("a web domain in " + domainList + " already belongs to another partner"))
                .map(ignored -> view(p, domainList));
    }

    public Uni<PartnerView> get(UUID id) {
        return Panache.withSession(() -> PartnerEntity.<PartnerEntity>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no partner " + id))
                .chain(p -> domainsOf(p.id).map(d -> view(p, d))));
    }

    public Uni<Page<PartnerView>> list(int page, int size) {
        return Panache.withSession(() -> {
            var query = PartnerEntity.<PartnerEntity>findAll(Sort.by("createdAt").and("id")).page(page, size);
            return query.list().chain(partners -> query.count().chain(total -> {
                Uni<List<PartnerView>> views = Uni.createFrom().item(new ArrayList<>());
                for (PartnerEntity p : partners) {
                    views = views.chain(acc -> domainsOf(p.id).map(d -> {
                        acc.add(view(p, d));
                        return acc;
                    }));
                }
                return views.map(items -> new Page<>(items, page, size, total));
            }));
        });
    }

    private static Uni<Void> persistDomains(UUID partnerId, List<String> domains) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String d : domains) {
            chain = chain.chain(() -> new PartnerWebDomainEntity(d, partnerId).persist().replaceWithVoid());
        }
        return chain;
    }

    private static Uni<List<String>> domainsOf(UUID partnerId) {
        return PartnerWebDomainEntity.<PartnerWebDomainEntity>list("partnerId = ?1 order by domain", partnerId)
                .map(l -> l.stream().map(d -> d.domain).toList());
    }

    private OutboxEvent registered(PartnerEntity p, List<String> domains) {
        PartnerRegistered data = new PartnerRegistered(p.id.toString(), p.name, p.legalName, p.type.name().toLowerCase(),
                p.status.name().toLowerCase(), p.country, p.payoutCurrency, domains, p.createdAt);
        return new OutboxEvent(UUID.randomUUID(), Topics.PARTNER_EVENTS, EventType.PARTNER_REGISTERED.type(),
                "partner", p.id.toString(), p.id.toString(), p.createdAt, data);
    }

    private static Set<String> normaliseDomains(List<String> raw) {
        Set<String> out = new LinkedHashSet<>();
        if (raw != null) {
            for (String d : raw) {
                out.add(WebDomains.normalise(d));
            }
        }
        return out;
    }

    private static void requireCurrency(String code) {
        try {
            Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("unknown ISO 4217 currency " + code);
        }
    }

    static boolean isUniqueViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof org.hibernate.exception.ConstraintViolationException) {
                return true;
            }
            String m = c.getMessage();
            if (m != null && m.contains("23505")) {
                return true;
            }
        }
        return false;
    }

    static PartnerView view(PartnerEntity p, List<String> domains) {
        return new PartnerView(p.id, p.name, p.legalName, p.type, p.status, p.country, p.payoutCurrency, domains,
                p.createdAt, p.updatedAt);
    }
}
