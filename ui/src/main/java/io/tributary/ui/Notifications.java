package io.tributary.ui;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import io.tributary.api.client.TributaryApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the user sees when something goes wrong: the server's words, never a stack trace. */
public final class Notifications {
    private static final Logger log = LoggerFactory.getLogger(Notifications.class);
    private static final int ERROR_MILLIS = 8000;

    private Notifications() {}

    /**
     * Runs a call to the API; an API error becomes a notification with the server's message.
     *
     * @return whether the call succeeded
     */
    public static boolean reportingErrors(String attempt, Runnable call) {
        try {
            call.run();
            return true;
        } catch (TributaryApiException e) {
            error(attempt + ": " + e.getMessage());
        } catch (RuntimeException e) {
            log.warn("{} failed", attempt, e);
            error(attempt + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        return false;
    }

    public static void error(String message) {
        Notification notification = new Notification(message, ERROR_MILLIS, Notification.Position.TOP_CENTER);
        notification.addThemeVariants(NotificationVariant.ERROR);
        notification.open();
    }

    public static void info(String message) {
        Notification.show(message, 3000, Notification.Position.BOTTOM_START);
    }
}
