package io.partnerhub.settlement;

import io.partnerhub.settlement.rules.PartnerMonth;
import io.partnerhub.settlement.rules.Statement;
import io.partnerhub.settlement.rules.StatementRules;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Settles a month's partners on a thread of its own while the close's thread keeps reading usage
 * from the database, and stores finished statements in between. The close's thread owns the
 * connection: it hands each partner's facts over, and whenever a chunk of statements is rendered
 * it copies the chunk in (a PostgreSQL cursor stays open across other statements of its
 * transaction). So reading, settling and storing overlap instead of following one another, and
 * everything still happens in the close's one transaction.
 */
final class SettlingPipeline implements AutoCloseable {

    /** Partners waiting to be settled; bounds the memory the reading side can run ahead with. */
    private static final int WAITING = 64;

    private final StatementWriter writer;
    private final Connection connection;
    private final BlockingQueue<Optional<PartnerMonth>> waiting = new ArrayBlockingQueue<>(WAITING);
    private final ExecutorService settler = Executors.newSingleThreadExecutor(
            task -> Thread.ofPlatform().name("close-settler").daemon().unstarted(task));
    private final Future<List<Statement>> consequential;

    SettlingPipeline(StatementWriter writer, Connection connection) {
        this.writer = writer;
        this.connection = connection;
        this.consequential = settler.submit(this::settleAll);
    }

    /** Hands {@code month} to the settling thread, storing finished chunks meanwhile; the connection's thread only. */
    void settle(PartnerMonth month) {
        handOver(Optional.of(month));
    }

    /**
     * Waits until every handed-over partner is settled and stored. Returns the statements that
     * decide something besides themselves: a tier change, accruals to the balance, Bonus returned,
     * the final payout of the balance.
     */
    List<Statement> finish() throws SQLException, IOException {
        handOver(Optional.empty());
        while (true) {
            try {
                List<Statement> result = consequential.get(5, TimeUnit.MILLISECONDS);
                writer.copyFinished(connection);
                return result;
            } catch (TimeoutException e) {
                writer.copyFinished(connection);
            } catch (ExecutionException e) {
                throw settlingFailed(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while settling", e);
            }
        }
    }

    @Override
    public void close() {
        settler.shutdownNow();
    }

    private void handOver(Optional<PartnerMonth> next) {
        try {
            while (!waiting.offer(next, 5, TimeUnit.MILLISECONDS)) {
                if (consequential.isDone()) {
                    consequential.get();
                }
                writer.copyFinished(connection);
            }
            writer.copyFinished(connection);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while settling", e);
        } catch (ExecutionException e) {
            throw settlingFailed(e);
        } catch (SQLException e) {
            throw new IllegalStateException("storing statements failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("storing statements failed: " + e.getMessage(), e);
        }
    }

    private List<Statement> settleAll() throws InterruptedException {
        List<Statement> consequences = new ArrayList<>();
        for (Optional<PartnerMonth> next; (next = waiting.take()).isPresent(); ) {
            Statement statement = StatementRules.settle(next.get());
            writer.add(statement);
            if (statement.standingChange().isPresent() || !statement.accruals().isEmpty()
                    || !statement.bonusReturns().isEmpty() || statement.finalPayout().isPresent()) {
                consequences.add(statement);
            }
        }
        writer.finishChunk();
        return consequences;
    }

    private static RuntimeException settlingFailed(ExecutionException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
            return runtime;
        }
        if (e.getCause() instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("settling failed: " + e.getCause().getMessage(), e.getCause());
    }
}
