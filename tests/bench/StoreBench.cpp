// Message store write throughput: one transaction per insert (the baseline) against the
// group-committed MessageStore API under concurrent submitters. Not a test: it prints figures.
//
//   StoreBench [inserts-per-mode [only]]   (default 5000; only = "baseline" or "api" for profiling)

#include "app/store/MessageStore.h"
#include "app/store/MessageWriter.h"
#include "app/store/Schema.h"
#include "app/store/SqliteDialect.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <future>
#include <sys/resource.h>
#include <thread>
#include <vector>

namespace
{

struct Figures
{
    QString mode;
    int rows = 0;
    double seconds = 0;
    quint64 transactions = 0;
    double p50Ms = -1;
    double p99Ms = -1;
    double cpuSeconds = 0; // user + system of the whole process, all threads
};

// The box is shared; CPU time per row stays meaningful when the wall clock does not.
double processCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
           + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

template <typename Run>
Figures measured(Run run)
{
    const double before = processCpuSeconds();
    Figures f = run();
    f.cpuSeconds = processCpuSeconds() - before;
    return f;
}

void print(const Figures& f)
{
    const double rate = f.seconds > 0 ? f.rows / f.seconds : 0;
    const QString latency =
        f.p50Ms < 0 ? QStringLiteral("-") : QStringLiteral("%1 / %2").arg(f.p50Ms, 0, 'f', 2).arg(f.p99Ms, 0, 'f', 2);
    std::printf("%-46s %7d %9.3f %11.0f %9.0f %8llu %8.1f   %s\n",
                qPrintable(f.mode),
                f.rows,
                f.seconds,
                rate,
                f.rows ? f.cpuSeconds * 1e6 / f.rows : 0.0,
                static_cast<unsigned long long>(f.transactions),
                f.transactions ? double(f.rows) / double(f.transactions) : 0.0,
                qPrintable(latency));
    std::fflush(stdout);
}

OutgoingMessage sample(int n)
{
    OutgoingMessage m;
    m.to = QStringLiteral("+1415555%1").arg(1000 + n % 50);
    m.body = QStringLiteral("Benchmark message %1: your order has shipped and will arrive tomorrow.").arg(n);
    return m;
}

// Plain INSERTs on the migrated schema, each in its own transaction, on one connection.
Figures rawPerInsert(const QString& path, int rows)
{
    Figures f{QStringLiteral("baseline: raw INSERT, 1 transaction each"), rows};
    {
        const SqliteDialect dialect(path);
        auto db = dialect.open(QStringLiteral("bench.raw"), StoreDialect::Access::ReadWrite, 5000);
        if (!db || !Schema::migrate(*db, dialect, 0)) {
            std::fprintf(stderr, "cannot prepare %s\n", qPrintable(path));
            return f;
        }
        QSqlQuery setup(*db);
        setup.exec(
            QStringLiteral("INSERT INTO contacts (id, e164, identity_key, created_at) VALUES (1, '+1', '1', 0)"));
        setup.exec(QStringLiteral("INSERT INTO conversations (id, contact_id, created_at) VALUES (1, 1, 0)"));
        QSqlQuery begin(*db);
        QSqlQuery commit(*db);
        QSqlQuery insert(*db);
        begin.prepare(dialect.beginWrite());
        commit.prepare(QStringLiteral("COMMIT"));
        insert.prepare(QStringLiteral("INSERT INTO messages (conversation_id, direction, provider, type, body, status, "
                                      "created_at, updated_at) VALUES (1, 'out', 'meta', 'text', ?, 'pending', ?, ?)"));
        QElapsedTimer timer;
        timer.start();
        for (int n = 0; n < rows; ++n) {
            begin.exec();
            insert.bindValue(0, sample(n).body);
            insert.bindValue(1, n);
            insert.bindValue(2, n);
            insert.exec();
            commit.exec();
        }
        f.seconds = timer.nsecsElapsed() / 1e9;
        f.transactions = quint64(rows);
        db->close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bench.raw"));
    return f;
}

// The store's own insertOutgoing (contact, conversation, message, history), one transaction each,
// called directly on one thread: what the store would cost without group commit.
Figures writerPerInsert(const QString& path, int rows)
{
    Figures f{QStringLiteral("baseline: insertOutgoing, 1 transaction each"), rows};
    {
        const SqliteDialect dialect(path);
        auto db = dialect.open(QStringLiteral("bench.writer"), StoreDialect::Access::ReadWrite, 5000);
        if (!db || !Schema::migrate(*db, dialect, 0)) {
            std::fprintf(stderr, "cannot prepare %s\n", qPrintable(path));
            return f;
        }
        MessageWriter writer(*db, dialect, [] { return QDateTime::currentMSecsSinceEpoch(); });
        QElapsedTimer timer;
        timer.start();
        for (int n = 0; n < rows; ++n) {
            if (!writer.begin() || !writer.insertOutgoing(QStringLiteral("meta"), sample(n)) || !writer.commit()) {
                std::fprintf(stderr, "insert %d failed\n", n);
                break;
            }
        }
        f.seconds = timer.nsecsElapsed() / 1e9;
        f.transactions = quint64(rows);
        db->close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bench.writer"));
    return f;
}

// The public API: `submitters` threads fire their share at once; callbacks land on a receiver
// thread, which records each one's latency from submission to durable.
Figures storeApi(const QString& path, int rows, int submitters)
{
    Figures f{QStringLiteral("store API, %1 concurrent submitter%2").arg(submitters).arg(submitters == 1 ? "" : "s"),
              rows};
    QThread receiverThread;
    QObject receiver;
    receiver.moveToThread(&receiverThread);
    receiverThread.start();

    StoreOptions options;
    options.path = path;
    MessageStore store(options);
    std::promise<bool> opened;
    store.open(&receiver, [&opened](Result<OpenReport> r) { opened.set_value(bool(r)); });
    if (!opened.get_future().get()) {
        std::fprintf(stderr, "cannot open %s\n", qPrintable(path));
        receiverThread.quit();
        receiverThread.wait();
        return f;
    }
    const quint64 transactionsBefore = store.transactionCount();

    std::vector<double> latencyMs(size_t(rows), 0);
    std::atomic<int> remaining{rows};
    std::atomic<int> failures{0};
    std::promise<void> allDone;
    QElapsedTimer timer;
    timer.start();
    std::vector<std::thread> threads;
    for (int t = 0; t < submitters; ++t) {
        threads.emplace_back([&, t] {
            for (int n = t; n < rows; n += submitters) {
                const qint64 submitted = timer.nsecsElapsed();
                store.insertOutgoing(
                    QStringLiteral("meta"), sample(n), &receiver, [&, n, submitted](Result<InsertedMessage> r) {
                        latencyMs[size_t(n)] = double(timer.nsecsElapsed() - submitted) / 1e6;
                        if (!r) {
                            ++failures;
                        }
                        if (--remaining == 0) {
                            allDone.set_value();
                        }
                    });
            }
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    allDone.get_future().wait();
    f.seconds = timer.nsecsElapsed() / 1e9;
    f.transactions = store.transactionCount() - transactionsBefore;
    std::sort(latencyMs.begin(), latencyMs.end());
    f.p50Ms = latencyMs[latencyMs.size() / 2];
    f.p99Ms = latencyMs[std::min(latencyMs.size() - 1, latencyMs.size() * 99 / 100)];
    if (failures > 0) {
        std::fprintf(stderr, "%d inserts failed\n", failures.load());
    }
    receiverThread.quit();
    receiverThread.wait();
    return f;
}

// One submitter that waits for each result before the next: no chance to group.
Figures storeApiOneAtATime(const QString& path, int rows)
{
    Figures f{QStringLiteral("store API, one at a time (await each)"), rows};
    QThread receiverThread;
    QObject receiver;
    receiver.moveToThread(&receiverThread);
    receiverThread.start();
    StoreOptions options;
    options.path = path;
    MessageStore store(options);
    std::promise<bool> opened;
    store.open(&receiver, [&opened](Result<OpenReport> r) { opened.set_value(bool(r)); });
    if (opened.get_future().get()) {
        const quint64 transactionsBefore = store.transactionCount();
        QElapsedTimer timer;
        timer.start();
        for (int n = 0; n < rows; ++n) {
            std::promise<void> done;
            store.insertOutgoing(
                QStringLiteral("meta"), sample(n), &receiver, [&done](Result<InsertedMessage>) { done.set_value(); });
            done.get_future().wait();
        }
        f.seconds = timer.nsecsElapsed() / 1e9;
        f.transactions = store.transactionCount() - transactionsBefore;
    }
    receiverThread.quit();
    receiverThread.wait();
    return f;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("flowchat.store.info=false"));
    const int rows = argc > 1 ? std::max(100, QString::fromLocal8Bit(argv[1]).toInt()) : 5000;
    QTemporaryDir dir;
    if (!dir.isValid()) {
        return 1;
    }
    int file = 0;
    auto freshPath = [&dir, &file] {
        return dir.filePath(QStringLiteral("bench-%1.db").arg(++file));
    };

    std::printf("FlowChat store bench: %d inserts per mode, WAL + synchronous=NORMAL, files in %s\n",
                rows,
                qPrintable(dir.path()));
    std::printf("%-46s %7s %9s %11s %9s %8s %8s   %s\n",
                "mode",
                "rows",
                "seconds",
                "rows/s",
                "CPU us/row",
                "txns",
                "rows/txn",
                "latency p50 / p99 ms");
    const QString only = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QString();
    if (only != QLatin1String("api")) {
        print(measured([&] { return rawPerInsert(freshPath(), rows); }));
        print(measured([&] { return writerPerInsert(freshPath(), rows); }));
    }
    if (only != QLatin1String("baseline")) {
        print(measured([&] { return storeApiOneAtATime(freshPath(), std::min(rows, 2000)); }));
        for (const int submitters : {1, 4, 16}) {
            print(measured([&] { return storeApi(freshPath(), rows, submitters); }));
        }
    }
    return 0;
}
