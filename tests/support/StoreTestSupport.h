#pragma once

#include "app/store/MessageStore.h"
#include "providers/Result.h"

#include <QDateTime>
#include <QTest>

#include <atomic>
#include <memory>
#include <optional>

// Helpers shared by the store tests: an adjustable clock and a wait for one callback's result.
namespace StoreTest
{

// A clock the test moves by hand; read from the writer thread, hence atomic.
struct ManualClock
{
    std::shared_ptr<std::atomic<qint64>> now =
        std::make_shared<std::atomic<qint64>>(QDateTime(QDate(2025, 3, 1), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch());

    std::function<qint64()> function() const
    {
        return [now = now] {
            return now->load();
        };
    }
    void advance(qint64 ms) const
    {
        *now += ms;
    }
};

inline Error timedOut()
{
    Error e;
    e.code = QStringLiteral("test.timeout");
    e.message = QStringLiteral("no callback within the time limit");
    return e;
}

// Runs `call(context, done)` and waits (processing events) for the callback; a timeout comes back
// as an error, so the test fails on it.
template <typename T, typename Call>
Result<T> await(QObject* context, Call call, int timeoutMs = 10000)
{
    std::optional<Result<T>> out;
    call(context, [&out](Result<T> result) { out = std::move(result); });
    if (!QTest::qWaitFor([&out] { return out.has_value(); }, timeoutMs)) {
        return Unexpected(timedOut());
    }
    return std::move(*out);
}

inline OutgoingMessage text(const QString& to, const QString& body)
{
    OutgoingMessage m;
    m.to = to;
    m.body = body;
    return m;
}

} // namespace StoreTest

// QCOMPARE-friendly view of a Result: "ok" or the error code.
template <typename T>
QString outcome(const Result<T>& r)
{
    return r ? QStringLiteral("ok") : r.error().code + QStringLiteral(": ") + r.error().message;
}
