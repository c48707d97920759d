#pragma once

#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>

class ProviderTraffic;

// Qt 6.4's QNetworkAccessManager runs at most six HTTP/1.1 requests per host at once and cannot
// be told otherwise, so a sender that wants more in flight spreads requests over several managers,
// each request to the manager with the fewest in flight (round robin let answers that came back
// unevenly queue a seventh request behind a busy manager while another sat idle).
class NetworkPool : public QObject
{
    Q_OBJECT
public:
    // One manager per six requests wanted in flight, at least one.
    explicit NetworkPool(int concurrency = 6, QObject* parent = nullptr);

    int size() const;
    // Requests not yet finished, over all managers.
    int inFlight() const;

    // Requests through the next manager; each exchange is recorded in traffic() when one is set.
    QNetworkReply* get(const QNetworkRequest& request);
    QNetworkReply* post(const QNetworkRequest& request, const QByteArray& body);

    void setTraffic(ProviderTraffic* traffic); // not owned
    ProviderTraffic* traffic() const;

private:
    int leastBusy() const;
    QNetworkReply* track(int manager, QNetworkReply* reply);
    void watch(QNetworkReply* reply, const QByteArray& body);

    QList<QNetworkAccessManager*> m_managers;
    QList<int> m_inFlight; // per manager
    QPointer<ProviderTraffic> m_traffic;
};
