package io.tributary.compiler.api;

import com.google.protobuf.InvalidProtocolBufferException;
import io.tributary.compiler.CompilerProperties;
import io.tributary.engine.runtime.OperatorChaining;
import io.tributary.proto.program.LogicalProgram;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/v1/compile}: a protobuf {@code LogicalProgram} in, the optimised program
 * out. Called by the controller when a job starts, so every run gets the current passes.
 */
@RestController
public class CompileController {
    public static final String PROTOBUF = "application/x-protobuf";

    private final CompilerProperties properties;

    public CompileController(CompilerProperties properties) {
        this.properties = properties;
    }

    @PostMapping(path = "/internal/v1/compile", consumes = PROTOBUF, produces = PROTOBUF)
    public ResponseEntity<byte[]> compile(@RequestBody(required = false) byte[] body) {
        LogicalProgram program;
        try {
            // An empty body is a valid encoding of the empty program, refused below for what it is.
            program = LogicalProgram.parseFrom(body == null ? new byte[0] : body);
        } catch (InvalidProtocolBufferException e) {
            return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                    .contentType(MediaType.TEXT_PLAIN)
                    .body(("the body is not a protobuf LogicalProgram: " + e.getMessage()).getBytes());
        }
        if (program.getNodesCount() == 0) {
            return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                    .contentType(MediaType.TEXT_PLAIN)
                    .body("the program has no operators".getBytes());
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(PROTOBUF))
                .body((properties.operatorChaining() ? OperatorChaining.apply(program) : program).toByteArray());
    }
}
