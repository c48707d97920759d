#pragma once

// The realistic webhook workload the ingest benchmarks share: signed Meta inbound texts from
// thousands of contacts, mixed one to one with delivered and read statuses for messages FlowChat
// sent (seeded into the store first, so the statuses have something to move).
#include <QByteArray>
#include <QString>

#include <functional>

class MessageStore;
class QObject;

namespace BenchWebhooks
{

inline const QByteArray kAppSecret = "bench-app-secret-0123456789abcdef";
// Realistic: 75,000 inbound texts from 5,000 contacts and 75,000 statuses (delivered, then read)
// for 37,500 messages FlowChat sent: more than a 10-second run sends, so no request is sent twice
// (a redelivery is cheaper than new traffic).
constexpr int kRealisticContacts = 5000;
constexpr int kRealisticInbound = 75000;
constexpr int kSeededSent = 37500;
constexpr qint64 kFirstNumber = 14155500000LL;

QByteArray metaInbound(const QByteArray& id, qint64 contact, qint64 now);
QByteArray metaStatus(const QByteArray& id, const char* status, qint64 contact, qint64 now);
// The provider id of the n-th seeded sent message.
QByteArray sentId(int n);
// One wrk request line: the body, signed with kAppSecret as Meta signs it.
QByteArray signedLine(const QByteArray& body);

using Bodies = std::function<QByteArray(int i, qint64 now)>;
// A wrk requests file of `count` signed webhooks, the i-th with body(i, now).
bool writeWebhooks(const QString& path, int count, const Bodies& body);

// Inbound texts and statuses alternate (even i inbound, odd i a status); each seeded message is
// delivered, then (half the file later) read.
QByteArray realisticBody(int i, qint64 now);

// Opens a store on `database` (creating or upgrading its schema), then runs `work` on it, which
// gives whether it succeeded.
bool withStore(const QString& database, const std::function<bool(MessageStore&, QObject*)>& work);

// Stores kSeededSent messages as FlowChat sent and the provider accepted them, through the
// store's own API (group-committed); `database` is a SQLite path or a PostgreSQL URI.
bool seedSent(const QString& database);

} // namespace BenchWebhooks
