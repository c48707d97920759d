#pragma once

#include <QObject>
#include <QThread>

#include <functional>

// Carries one store result back to its caller. Created on the caller's thread with a queued
// connection to the caller's context object, then moved to the worker thread (writer or reader),
// which emits ready() when the result is final and deletes it. Qt drops the connection if the
// context dies first, so the worker never touches a dead receiver.
class ResultRelay : public QObject
{
    Q_OBJECT

public:
    // `deliver` runs on `context`'s thread once the worker calls send(), unless `context` is gone.
    static ResultRelay* create(QObject* context, std::function<void()> deliver, QThread* worker)
    {
        auto* relay = new ResultRelay;
        connect(relay, &ResultRelay::ready, context, std::move(deliver), Qt::QueuedConnection);
        relay->moveToThread(worker);
        return relay;
    }

    // Worker thread: hands the result over (null: nobody waits) and deletes the relay.
    static void send(ResultRelay* relay)
    {
        if (relay) {
            emit relay->ready();
            delete relay;
        }
    }

signals:
    void ready();
};
