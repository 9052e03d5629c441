package io.partnerflow.platform.messaging;

import io.partnerflow.platform.problem.ProblemException;
import io.partnerflow.platform.security.CurrentUser;
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
 * Lists this service's pausable incoming channels and resumes one (admin). A channel is pausable when its configuration
 * says so ({@code mp.messaging.incoming.<channel>.pausable=true}) and starts paused with
 * {@code pausable.initially-paused=true}: what a rebuild from Kafka uses to read the reference data first
 * (docs/runbook.md, "Recover a service from Kafka"). There is no pause here: pausing a running channel can hold a
 * fetched batch in the pauser's buffer, unacknowledged, which the Kafka connector's commit strategy reports as unhealthy
 * after 60 s; a channel starts paused or not at all. A channel consumed with {@code concurrency} n is n streams to
 * SmallRye ({@code <channel>$1} … {@code <channel>$n}): the channel's name resumes them all.
 */
@Path("/admin/consumers")
@RolesAllowed(Roles.ADMIN)
public class ConsumerChannelsResource {
    private static final Logger LOG = Logger.getLogger(ConsumerChannelsResource.class);

    private final ChannelRegistry registry;
    private final CurrentUser user;

    public ConsumerChannelsResource(ChannelRegistry registry, CurrentUser user) {
        this.registry = registry;
        this.user = user;
    }

    /** A pausable channel: paused when all its streams are; {@code pausedStreams} of {@code streams} paused now. */
    public record ChannelState(String channel, boolean paused, int streams, int pausedStreams) {
        static ChannelState of(String channel, List<PausableChannel> streams) {
            int paused = (int) streams.stream().filter(PausableChannel::isPaused).count();
            return new ChannelState(channel, paused == streams.size(), streams.size(), paused);
        }
    }

    @GET
    public List<ChannelState> list() {
        return pausable().entrySet().stream().map(e -> ChannelState.of(e.getKey(), e.getValue())).toList();
    }

    @POST
    @Path("{channel}/resume")
    public ChannelState resume(@PathParam("channel") String channel) {
        List<PausableChannel> streams = streams(channel);
        if (streams.isEmpty()) {
            throw ProblemException.notFound("no pausable incoming channel " + channel + " (pausable channels: " + pausable().keySet() + ")");
        }
        streams.forEach(PausableChannel::resume);
        LOG.infof("incoming channel %s resumed by %s (%d consumer stream(s))", channel, user.subject(), streams.size());
        return ChannelState.of(channel, streams);
    }

    /** The channel's pausable streams: the channel itself, or its {@code $1} … {@code $n} with concurrency. */
    private List<PausableChannel> streams(String channel) {
        List<PausableChannel> out = new ArrayList<>();
        PausableChannel whole = registry.getPausable(channel);
        if (whole != null) {
            out.add(whole);
        }
        PausableChannel stream;
        for (int i = 1; (stream = registry.getPausable(channel + "$" + i)) != null; i++) {
            out.add(stream);
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
