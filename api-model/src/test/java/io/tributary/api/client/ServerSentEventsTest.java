package io.tributary.api.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSentEventsTest {

    @Test
    void eachEventsDataLinesAreJoined() throws Exception {
        assertThat(read("data: {\"a\":1}\n\nevent: output\ndata:first\ndata: second\n\n: a comment\n\n"))
                .containsExactly("{\"a\":1}", "first\nsecond");
    }

    @Test
    void anEventCutOffByTheEndOfTheStreamIsNotDelivered() throws Exception {
        assertThat(read("data: complete\n\ndata: partial\n")).containsExactly("complete");
    }

    @Test
    void anEmptyDataLineIsAnEmptyEvent() throws Exception {
        assertThat(read("data:\n\n")).containsExactly("");
    }

    private static List<String> read(String stream) throws Exception {
        List<String> events = new ArrayList<>();
        ServerSentEvents.read(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), events::add);
        return events;
    }
}
