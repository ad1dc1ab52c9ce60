package io.partnerhub.settlement;

import io.partnerhub.settlement.rules.PartnerMonth;
import io.partnerhub.settlement.rules.Statement;
import io.partnerhub.settlement.rules.StatementRules;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
 * Settles a month's partners on threads of their own (one per processor, each settling and
 * rendering whole partners; their statements are written in partner order) while the close's
 * thread keeps reading usage from the database, and stores finished statements in between. The close's thread owns the
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
    /** Partners settled ahead of the one the writer waits for. */
    private static final int AHEAD = 32;
    /** One settling worker per processor: the database is mostly idle while the result streams. */
    private static final int WORKERS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private final ExecutorService settler = Executors.newSingleThreadExecutor(
            task -> Thread.ofPlatform().name("close-settler").daemon().unstarted(task));
    private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS,
            task -> Thread.ofPlatform().name("close-settling").daemon().unstarted(task));
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
        workers.shutdownNow();
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

    /**
     * Settles and renders the partners on the workers, side by side, and adds their statements to
     * the writer in the order they were handed over (a few ahead at most).
     */
    private List<Statement> settleAll() throws InterruptedException, ExecutionException {
        List<Statement> consequences = new ArrayList<>();
        Deque<Future<Settled>> ahead = new ArrayDeque<>();
        for (Optional<PartnerMonth> next; (next = waiting.take()).isPresent(); ) {
            PartnerMonth month = next.get();
            ahead.add(workers.submit(() -> settledAndRendered(month)));
            while (ahead.size() > AHEAD || (!ahead.isEmpty() && ahead.peek().isDone())) {
                collect(ahead.poll().get(), consequences);
            }
        }
        while (!ahead.isEmpty()) {
            collect(ahead.poll().get(), consequences);
        }
        writer.finishChunk();
        return consequences;
    }

    private record Settled(Statement statement, StatementWriter.Rendered rendered) {
    }

    private Settled settledAndRendered(PartnerMonth month) {
        Statement statement = StatementRules.settle(month);
        return new Settled(statement, writer.render(statement));
    }

    private void collect(Settled settled, List<Statement> consequences) {
        writer.add(settled.rendered());
        Statement statement = settled.statement();
        if (Consequence.decidesSomething(statement)) {
            consequences.add(statement);
        }
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
