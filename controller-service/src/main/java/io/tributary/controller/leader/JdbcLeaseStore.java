package io.tributary.controller.leader;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code controller_leases} row (migrated by pipeline-service) on PostgreSQL or H2. Taking and
 * renewing the lease is one conditional UPDATE, so two controllers racing for it cannot both win:
 * the database serialises the two updates of the row, and the second one's condition no longer holds.
 */
public final class JdbcLeaseStore {
    private static final String NAME = "controller";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    /** @param statementTimeout how long one statement may take: a hung database must not hang the election */
    public JdbcLeaseStore(DataSource dataSource, Duration statementTimeout) {
        JdbcTemplate template = new JdbcTemplate(requireNonNull(dataSource, "dataSource is null"));
        template.setQueryTimeout((int) Math.max(1, statementTimeout.toSeconds()));
        this.jdbc = JdbcClient.create(template);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** What an attempt to take or renew the lease came to, and the lease after it. */
    public record Attempt(boolean won, Lease lease) {}

    /**
     * Renews the lease if {@code holder} holds it under {@code heldEpoch} and it has not expired at
     * {@code now}; otherwise takes it, under the next epoch, if it has expired. Either way it then
     * expires at {@code now + duration}.
     *
     * @param heldEpoch the epoch the caller believes it holds, or -1 when it holds none
     */
    public Attempt tryAcquire(String holder, long heldEpoch, Instant now, Duration duration) {
        long nowMicros = micros(now);
        return transactions.execute(status -> {
            // The right-hand sides read the row as it was before the update (on both databases).
            int updated = jdbc.sql("""
                            UPDATE controller_leases
                            SET epoch = CASE WHEN holder = :holder AND epoch = :epoch AND expires_at > :now
                                             THEN epoch ELSE epoch + 1 END,
                                holder = :holder,
                                expires_at = :expires
                            WHERE name = :name
                              AND ((holder = :holder AND epoch = :epoch AND expires_at > :now) OR expires_at <= :now)
                            """)
                    .param("holder", holder)
                    .param("epoch", heldEpoch)
                    .param("now", nowMicros)
                    .param("expires", micros(now.plus(duration)))
                    .param("name", NAME)
                    .update();
            // In the same transaction: a won row is locked until commit, so this reads what was won.
            return new Attempt(updated == 1, current());
        });
    }

    /** Lets the lease go at once, if {@code holder} still holds it under {@code epoch}: a standby need not wait. */
    public void release(String holder, long epoch) {
        jdbc.sql("UPDATE controller_leases SET expires_at = 0 WHERE name = :name AND holder = :holder AND epoch = :epoch")
                .param("name", NAME)
                .param("holder", holder)
                .param("epoch", epoch)
                .update();
    }

    public Lease current() {
        return jdbc.sql("SELECT holder, epoch, expires_at FROM controller_leases WHERE name = :name")
                .param("name", NAME)
                .query((rs, row) -> new Lease(rs.getString(1), rs.getLong(2),
                        Instant.EPOCH.plus(rs.getLong(3), ChronoUnit.MICROS)))
                .single();
    }

    /** The database's clock, which every controller compares expiries against. */
    public Instant databaseTime() {
        return jdbc.sql("SELECT CURRENT_TIMESTAMP").query((rs, row) -> rs.getObject(1, OffsetDateTime.class))
                .single()
                .toInstant();
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}
