package io.tributary.api.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Reads a {@code text/event-stream}: the data of each event, in order, until the stream ends. */
public final class ServerSentEvents {
    private ServerSentEvents() {}

    /** Hands the data of every event (its {@code data:} lines joined by newlines) to {@code onData}. */
    public static void read(InputStream stream, Consumer<String> onData) throws IOException {
        var lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        StringBuilder data = new StringBuilder();
        boolean inEvent = false;
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isEmpty()) {
                if (inEvent) {
                    onData.accept(data.toString());
                }
                data.setLength(0);
                inEvent = false;
            } else if (line.startsWith("data:")) {
                if (inEvent) {
                    data.append('\n');
                }
                data.append(line, line.startsWith("data: ") ? 6 : 5, line.length());
                inEvent = true;
            }
        }
    }
}
