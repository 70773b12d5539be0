package io.tributary.pipeline.auth;

import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /internal/v1/api_keys/{sha256}}: 204 when a key with that hash exists, 404 when not.
 * Asked by the gateway, which sends only the hash; outside {@code /api}, so the gateway never routes
 * a user's request here.
 */
@RestController
public class ApiKeyController {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final ApiKeys keys;

    public ApiKeyController(DataSource dataSource) {
        this.keys = new ApiKeys(dataSource);
    }

    @GetMapping("/internal/v1/api_keys/{hash}")
    public ResponseEntity<Void> check(@PathVariable("hash") String hash) {
        boolean known = SHA256_HEX.matcher(hash).matches() && keys.exists(hash);
        return ResponseEntity.status(known ? HttpStatus.NO_CONTENT : HttpStatus.NOT_FOUND).build();
    }
}
