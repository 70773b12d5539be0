package io.tributary.pipeline.api;

import io.tributary.api.model.ConnectionAutocompleteResp;
import io.tributary.api.model.ConnectionProfile;
import io.tributary.api.model.ConnectionProfilePost;
import io.tributary.api.model.PaginatedCollection;
import io.tributary.api.model.TestSourceMessage;
import io.tributary.pipeline.connectors.ConnectionProfiles;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/connection_profiles", produces = MediaType.APPLICATION_JSON_VALUE)
public class ConnectionProfileController {
    private final ConnectionProfiles profiles;

    public ConnectionProfileController(ConnectionProfiles profiles) {
        this.profiles = profiles;
    }

    @PostMapping
    public ConnectionProfile create(@RequestBody ConnectionProfilePost body) {
        return profiles.create(body);
    }

    @GetMapping
    public PaginatedCollection<ConnectionProfile> list() {
        return profiles.list();
    }

    /** A 409 while a connection table uses the profile. */
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable("id") String id) {
        profiles.delete(id);
    }

    /** Checks the profile and tries to reach its system; a failed attempt is a 200 with {@code error: true}. */
    @PostMapping("/test")
    public TestSourceMessage test(@RequestBody ConnectionProfilePost body) {
        return profiles.test(body);
    }

    @GetMapping("/{id}/autocomplete")
    public ConnectionAutocompleteResp autocomplete(@PathVariable("id") String id) {
        return profiles.autocomplete(id);
    }
}
