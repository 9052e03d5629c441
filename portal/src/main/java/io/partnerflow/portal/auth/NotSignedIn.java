package io.partnerflow.portal.auth;

/** No (valid) session: the page sends the browser to sign in. */
public class NotSignedIn extends RuntimeException {
    public NotSignedIn(String why) {
        super(why);
    }
}
