package io.partnerflow.portal.web;

import io.partnerflow.portal.auth.Sessions;
import io.partnerflow.portal.auth.User;
import io.partnerflow.portal.client.Services;
import jakarta.ws.rs.core.HttpHeaders;

import java.util.UUID;
import java.util.regex.Pattern;

/** What every page resource needs: the signed-in user and the service client (a singleton: no client proxy, fields read directly). */
@jakarta.inject.Singleton
public class Pages {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    final Sessions sessions;
    final Services services;

    public Pages(Sessions sessions, Services services) {
        this.sessions = sessions;
        this.services = services;
    }

    User user(HttpHeaders headers) {
        return sessions.current(headers);
    }

    /** Ids go into service URLs: letters, digits and dashes only (anything else is a 404 here, never a forwarded path). */
    static String id(String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new io.partnerflow.portal.client.ServiceError("portal", 404, "Not Found", "no such page");
        }
        return value;
    }

    /**
     * A form's POST: what {@code call} answers, or — when a service refused it with a 4xx — the page again with the
     * service's problem detail and status ({@code page} renders it). 401, 404 and 5xx stay errors (the error page).
     */
    static jakarta.ws.rs.core.Response submit(java.util.function.Supplier<jakarta.ws.rs.core.Response> call,
                                              java.util.function.Function<io.partnerflow.portal.client.ServiceError, String> page) {
        try {
            return call.get();
        } catch (io.partnerflow.portal.client.ServiceError e) {
            if (e.status() >= 500 || e.status() == 401 || e.status() == 404) {
                throw e;
            }
            return jakarta.ws.rs.core.Response.status(e.status()).type(jakarta.ws.rs.core.MediaType.TEXT_HTML_TYPE).entity(page.apply(e)).build();
        }
    }

    static String newKey() {
        return UUID.randomUUID().toString();
    }
}
