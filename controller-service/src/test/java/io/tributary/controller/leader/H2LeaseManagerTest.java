package io.tributary.controller.leader;

import javax.sql.DataSource;

class H2LeaseManagerTest extends LeaseManagerContract {
    @Override
    DataSource database() {
        return TestDatabases.h2();
    }
}
