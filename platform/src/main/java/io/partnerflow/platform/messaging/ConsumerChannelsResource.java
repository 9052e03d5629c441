package io.partnerflow.platform.messaging;

import io.partnerflow.platform.problem.ProblemException;
import io.partnerflow.platform.security.Roles;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pauses and resumes this service's pausable incoming channels (admin). A channel is pausable when its configuration
 * says so ({@code mp.messaging.incoming.<channel>.pausable=true}), and starts paused with {@code initially-paused=true}:
 * what a rebuild from Kafka uses to read the reference data first (docs/runbook.md, "Recover a service from Kafka").
 * A channel consumed with {@code concurrency} n is n channels to SmallRye ({@code <channel>$1} … {@code <channel>$n}),
 * each pausable on its own: the channel's name pauses and resumes them all.
 */
@Path("/admin/consumers")
@RolesAllowed(Roles.ADMIN)
public class ConsumerChannelsResource {
    private static final Logger LOG = Logger.getLogger(ConsumerChannelsResource.class);

    private final ChannelRegistry registry;

    public ConsumerChannelsResource(ChannelRegistry registry) {
        this.registry = registry;
    }

    public record ChannelState(String channel, boolean paused) {
    }

    /** Every pausable incoming channel and whether it is paused now. */
    @GET
    public List<ChannelState> list() {
        return pausable().entrySet().stream()
                .map(e -> new ChannelState(e.getKey(), e.getValue().stream().allMatch(PausableChannel::isPaused))).toList();
    }

    @POST
    @Path("{channel}/resume")
    public ChannelState resume(@PathParam("channel") String channel) {
        return set(channel, false);
    }

    @POST
    @Path("{channel}/pause")
    public ChannelState pause(@PathParam("channel") String channel) {
        return set(channel, true);
    }

    private ChannelState set(String channel, boolean paused) {
        List<PausableChannel> streams = streams(channel);
        if (streams.isEmpty()) {
            throw ProblemException.notFound("no pausable incoming channel " + channel + " (pausable channels: " + pausable().keySet() + ")");
        }
        streams.forEach(p -> {
            if (paused) {
                p.pause();
            } else {
                p.resume();
            }
        });
        LOG.infof("incoming channel %s %s (%d consumer stream(s))", channel, paused ? "paused" : "resumed", streams.size());
        return new ChannelState(channel, streams.stream().allMatch(PausableChannel::isPaused));
    }

    /** The channel's pausable streams: the channel itself, or its {@code $1} … {@code $n} with concurrency. */
    private List<PausableChannel> streams(String channel) {
        List<PausableChannel> out = new ArrayList<>();
        PausableChannel whole = registry.getPausable(channel);
        if (whole != null) {
            out.add(whole);
        }
        for (int i = 1; registry.getPausable(channel + "$" + i) != null; i++) {
            out.add(registry.getPausable(channel + "$" + i));
        }
        return out;
    }

    /** Every incoming channel that has a pausable stream, with its streams. */
    private Map<String, List<PausableChannel>> pausable() {
        Map<String, List<PausableChannel>> out = new TreeMap<>();
        for (String name : registry.getIncomingNames()) {
            List<PausableChannel> streams = streams(name);
            if (!streams.isEmpty()) {
                out.put(name, streams);
            }
        }
        return out;
    }
}
