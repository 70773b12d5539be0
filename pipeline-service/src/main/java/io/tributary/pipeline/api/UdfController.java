package io.tributary.pipeline.api;

import io.tributary.api.model.GlobalUdf;
import io.tributary.api.model.PaginatedCollection;
import io.tributary.api.model.UdfPost;
import io.tributary.api.model.UdfValidationResult;
import io.tributary.api.model.ValidateUdfPost;
import io.tributary.pipeline.udfs.UdfManager;
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
@RequestMapping(path = "/api/v1/udfs", produces = MediaType.APPLICATION_JSON_VALUE)
public class UdfController {
    private final UdfManager udfs;

    public UdfController(UdfManager udfs) {
        this.udfs = udfs;
    }

    /** A 400 with the compiler's errors when the source does not compile, 409 when the name is taken. */
    @PostMapping
    public GlobalUdf create(@RequestBody UdfPost body) {
        return udfs.create(body);
    }

    @GetMapping
    public PaginatedCollection<GlobalUdf> list() {
        return udfs.list();
    }

    /** Invalid source is a 200 whose {@code errors} say where and why. */
    @PostMapping("/validate")
    public UdfValidationResult validate(@RequestBody ValidateUdfPost body) {
        return udfs.validate(body.definition());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable("id") String id) {
        udfs.delete(id);
    }
}
