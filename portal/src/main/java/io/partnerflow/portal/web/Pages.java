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

    static String newKey() {
        return UUID.randomUUID().toString();
    }
}
