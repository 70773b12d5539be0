package io.tributary.controller.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Node;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RunAssignmentTest {
    static LogicalProgram program(int... parallelisms) {
        LogicalProgram.Builder program = LogicalProgram.newBuilder();
        for (int i = 0; i < parallelisms.length; i++) {
            program.addNodes(Node.newBuilder().setNodeId(i + 1).setParallelism(parallelisms[i]));
        }
        return program.build();
    }

    @Test
    void aSchedulerWithoutAWorkerSizeGivesTheRunOneWorkerAsWideAsItsWidestNode() {
        assertThat(RunAssignment.workersFor("j", 3, program(1, 4, 2), OptionalInt.empty()))
                .isEqualTo(new WorkerRequest("j", 3, 1, 4));
    }

    @Test
    void aRunWiderThanAWorkerGetsAsManyWorkersAsItsWidestNodeNeeds() {
        assertThat(RunAssignment.workersFor("j", 3, program(1, 2), OptionalInt.of(1)))
                .isEqualTo(new WorkerRequest("j", 3, 2, 1));
        assertThat(RunAssignment.workersFor("j", 3, program(5, 2), OptionalInt.of(2)))
                .isEqualTo(new WorkerRequest("j", 3, 3, 2));
    }

    @Test
    void aRunNarrowerThanAWorkerAsksOnlyForTheSlotsItUses() {
        assertThat(RunAssignment.workersFor("j", 3, program(2), OptionalInt.of(64)))
                .isEqualTo(new WorkerRequest("j", 3, 1, 2));
    }
}
