#include "providers/NetworkPool.h"

#include "providers/ProviderTraffic.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QNetworkReply>

#include <algorithm>
#include <numeric>

NetworkPool::NetworkPool(int concurrency, QObject* parent)
    : QObject(parent)
{
    const int count = std::max(1, (concurrency + 5) / 6);
    for (int i = 0; i < count; ++i) {
        auto* manager = new QNetworkAccessManager(this);
        // Redirects are followed only within the same scheme and never from https to http.
        manager->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
        m_managers.append(manager);
        m_inFlight.append(0);
    }
}

int NetworkPool::leastBusy() const
{
    return int(std::min_element(m_inFlight.cbegin(), m_inFlight.cend()) - m_inFlight.cbegin());
}

QNetworkReply* NetworkPool::track(int manager, QNetworkReply* reply)
{
    ++m_inFlight[manager];
    connect(reply, &QNetworkReply::finished, this, [this, manager] { --m_inFlight[manager]; });
    return reply;
}

int NetworkPool::inFlight() const
{
    return std::accumulate(m_inFlight.cbegin(), m_inFlight.cend(), 0);
}

int NetworkPool::size() const
{
    return m_managers.size();
}

QNetworkReply* NetworkPool::get(const QNetworkRequest& request)
{
    const int manager = leastBusy();
    QNetworkReply* reply = track(manager, m_managers.at(manager)->get(request));
    watch(reply, QByteArray());
    return reply;
}

QNetworkReply* NetworkPool::post(const QNetworkRequest& request, const QByteArray& body)
{
    const int manager = leastBusy();
    QNetworkReply* reply = track(manager, m_managers.at(manager)->post(request, body));
    watch(reply, body);
    return reply;
}

void NetworkPool::setTraffic(ProviderTraffic* traffic)
{
    m_traffic = traffic;
}

ProviderTraffic* NetworkPool::traffic() const
{
    return m_traffic;
}

void NetworkPool::watch(QNetworkReply* reply, const QByteArray& body)
{
    if (!m_traffic || !m_traffic->isWatched()) {
        return;
    }
    QElapsedTimer clock;
    clock.start();
    // Connected before the provider's own handler, so the body is peeked before anyone reads it.
    connect(reply,
            &QNetworkReply::finished,
            m_traffic,
            [traffic = m_traffic, reply, body, clock, startedAt = QDateTime::currentDateTimeUtc()] {
                ProviderExchange exchange;
                exchange.startedAt = startedAt;
                exchange.durationMs = clock.elapsed();
                exchange.method = reply->operation() == QNetworkAccessManager::PostOperation ? QByteArrayLiteral("POST")
                                                                                             : QByteArrayLiteral("GET");
                exchange.url = reply->request().url();
                for (const QByteArray& name : reply->request().rawHeaderList()) {
                    exchange.requestHeaders.append({name, reply->request().rawHeader(name)});
                }
                exchange.requestBody = body;
                exchange.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                if (reply->error() != QNetworkReply::NoError && exchange.httpStatus == 0) {
                    exchange.networkError = reply->errorString();
                }
                exchange.responseHeaders = reply->rawHeaderPairs();
                exchange.responseBytes = reply->bytesAvailable();
                // Text is peeked whole (it is masked before it is cut); a media download is kept as its size.
                if (ProviderTraffic::isTextual(reply->rawHeader("Content-Type"))) {
                    exchange.responseBody = reply->peek(qMin(exchange.responseBytes, ProviderTraffic::kMaxMaskedBytes));
                }
                traffic->record(std::move(exchange));
            });
}
