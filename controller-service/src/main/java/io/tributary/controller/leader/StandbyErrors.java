package io.tributary.controller.leader;

import io.tributary.api.model.ApiError;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A standby answers 503 with an {@link ApiError}: pipeline-service takes that status as "ask the next
 * controller", and a person reading the body learns why.
 */
@RestControllerAdvice
public class StandbyErrors {
    @ExceptionHandler(StandbyException.class)
    ResponseEntity<ApiError> standby(StandbyException e) {
        HttpStatus status = HttpStatus.SERVICE_UNAVAILABLE;
        // A set content type is written as is: negotiated against the output stream's Accept
        // (text/event-stream), the JSON body would turn the 503 into a 406.
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(status.value(), e.getMessage()));
    }
}
