package io.tributary.pipeline.api;

import io.tributary.api.model.ConnectionSchema;
import io.tributary.api.model.ConnectionTable;
import io.tributary.api.model.ConnectionTablePost;
import io.tributary.api.model.PaginatedCollection;
import io.tributary.api.model.TestSourceMessage;
import io.tributary.pipeline.connectors.ConnectionTables;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping(path = "/api/v1/connection_tables", produces = MediaType.APPLICATION_JSON_VALUE)
public class ConnectionTableController {
    private final ConnectionTables tables;

    public ConnectionTableController(ConnectionTables tables) {
        this.tables = tables;
    }

    @PostMapping
    public ConnectionTable create(@RequestBody ConnectionTablePost body) {
        return tables.create(body);
    }

    @GetMapping
    public PaginatedCollection<ConnectionTable> list(
            @RequestParam(name = "starting_after", required = false) Optional<String> startingAfter,
            @RequestParam(name = "limit", defaultValue = "100") int limit) {
        return tables.list(startingAfter, limit);
    }

    /** A 409 while a pipeline uses the table. */
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable("id") String id) {
        tables.delete(id);
    }

    /**
     * Tests the table as server-sent events of {@link TestSourceMessage}, the last one {@code done}.
     * A table that does not check out is a 400 before any event. No {@code produces} here, so that
     * the 400 can still be written as JSON.
     */
    @PostMapping(path = "/test", produces = {})
    public SseEmitter test(@RequestBody ConnectionTablePost body) throws IOException {
        List<TestSourceMessage> messages = tables.test(body);
        SseEmitter events = new SseEmitter();
        for (TestSourceMessage message : messages) {
            events.send(SseEmitter.event().data(message, MediaType.APPLICATION_JSON));
        }
        events.complete();
        return events;
    }

    /** The schema with the fields its definition yields; a 400 says what is wrong with it. */
    @PostMapping("/schemas/test")
    public ConnectionSchema testSchema(@RequestBody ConnectionSchema body) {
        return tables.testSchema(body);
    }
}
