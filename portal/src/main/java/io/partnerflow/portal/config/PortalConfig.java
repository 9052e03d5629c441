package io.partnerflow.portal.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.nio.file.Path;
import java.time.Duration;

/** The portal's configuration: where the services are, how people sign in. */
@ConfigMapping(prefix = "partnerflow.portal")
public interface PortalConfig {

    /** Base URLs of the services the portal calls (with the signed-in user's token). */
    Services services();

    /** Connect and request timeout of every call to a service. */
    @WithDefault("5s")
    Duration timeout();

    /**
     * The local sign-in page (pick a demo user; the portal mints a short-lived dev token). Only the run command sets
     * it; false by default, and then {@code /sign-in} is 404.
     */
    @WithName("local-sign-in")
    @WithDefault("false")
    boolean localSignIn();

    /** The run command's dev key pair (jwt-private.pem / jwt-public.pem), for the local sign-in only. */
    @WithDefault(".partnerflow/data/keys")
    Path keysDir();

    /** Lifetime of a local sign-in token (and of its cookie). */
    @WithDefault("30m")
    Duration tokenTtl();

    /**
     * Production: an OIDC-aware proxy in front of the portal (e.g. oauth2-proxy, authorization-code flow) passes the
     * user's access token as {@code Authorization: Bearer}; the portal forwards it, the services verify it.
     */
    @WithName("proxy-auth")
    @WithDefault("false")
    boolean proxyAuth();

    /** How often the live dashboard re-reads a partner's earnings. */
    @WithDefault("2s")
    Duration livePoll();

    interface Services {
        @WithDefault("http://localhost:8081")
        String partner();

        @WithDefault("http://localhost:8082")
        String deal();

        @WithDefault("http://localhost:8083")
        String attribution();

        @WithDefault("http://localhost:8084")
        String incentive();

        @WithDefault("http://localhost:8085")
        String payout();

        @WithDefault("http://localhost:8086")
        String analytics();
    }
}
