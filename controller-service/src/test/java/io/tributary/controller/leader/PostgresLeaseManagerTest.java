package io.tributary.controller.leader;

import javax.sql.DataSource;

class PostgresLeaseManagerTest extends LeaseManagerContract {
    @Override
    DataSource database() {
        return TestDatabases.postgres();
    }
}
