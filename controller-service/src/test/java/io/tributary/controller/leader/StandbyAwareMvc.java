package io.tributary.controller.leader;

import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** An HTTP controller of the controller service served as the application serves it: a standby's refusals are 503s. */
public final class StandbyAwareMvc {
    private StandbyAwareMvc() {}

    public static MockMvcTester serve(Object controller) {
        return MockMvcTester.create(MockMvcBuilders.standaloneSetup(controller)
                .setControllerAdvice(new StandbyErrors())
                .build());
    }
}
