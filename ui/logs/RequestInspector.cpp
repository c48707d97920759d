#include "ui/logs/RequestInspector.h"

#include <QBrush>
#include <QColor>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QUrlQuery>
#include <QVBoxLayout>

namespace
{

QString headerOf(const HeaderList& headers, const QByteArray& name)
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            return QString::fromUtf8(value);
        }
    }
    return QString();
}

// JSON indented, a form one field per line, anything else as it came.
QString readableBody(const QByteArray& body, const QString& contentType)
{
    if (body.isEmpty()) {
        return RequestInspector::tr("(no body)");
    }
    if (contentType.contains(QLatin1String("json"))) {
        const QJsonDocument json = QJsonDocument::fromJson(body);
        if (!json.isNull()) {
            return QString::fromUtf8(json.toJson(QJsonDocument::Indented)).trimmed();
        }
    }
    if (contentType.contains(QLatin1String("x-www-form-urlencoded"))) {
        QStringList lines;
        const QUrlQuery form(QString::fromUtf8(body));
        for (const auto& [key, value] : form.queryItems(QUrl::FullyDecoded)) {
            lines << key + QStringLiteral(" = ") + value;
        }
        return lines.join(QLatin1Char('\n'));
    }
    return QString::fromUtf8(body);
}

QString headerLines(const HeaderList& headers)
{
    QStringList lines;
    for (const auto& [key, value] : headers) {
        lines << QString::fromUtf8(key) + QStringLiteral(": ") + QString::fromUtf8(value);
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

void ProviderExchangeModel::setTraffic(ProviderTraffic* traffic)
{
    if (m_traffic) {
        m_traffic->disconnect(this);
    }
    beginResetModel();
    m_traffic = traffic;
    m_rows.clear();
    if (traffic) {
        const QList<ProviderExchange> all = traffic->exchanges();
        for (auto it = all.crbegin(); it != all.crend(); ++it) {
            m_rows.append(*it);
        }
        connect(traffic, &ProviderTraffic::recorded, this, &ProviderExchangeModel::add);
        connect(traffic, &ProviderTraffic::cleared, this, [this] {
            beginResetModel();
            m_rows.clear();
            endResetModel();
        });
    }
    endResetModel();
}

void ProviderExchangeModel::add(const ProviderExchange& exchange)
{
    beginInsertRows({}, 0, 0);
    m_rows.prepend(exchange);
    endInsertRows();
    const int capacity = ProviderTraffic::kDefaultCapacity;
    if (m_rows.size() > capacity) {
        beginRemoveRows({}, capacity, int(m_rows.size()) - 1);
        m_rows.resize(capacity);
        endRemoveRows();
    }
}

const ProviderExchange& ProviderExchangeModel::exchangeAt(int row) const
{
    return m_rows.at(row);
}

int ProviderExchangeModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ProviderExchangeModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProviderExchangeModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size()) {
        return {};
    }
    const ProviderExchange& exchange = m_rows.at(index.row());
    if (role == Qt::ForegroundRole && exchange.failed()) {
        return QBrush(QColor(0xc6, 0x28, 0x28));
    }
    if (role == SearchRole) {
        return QString(QString::fromUtf8(exchange.method) + QLatin1Char(' ') + exchange.url.toString()
                       + QLatin1Char(' ') + QString::number(exchange.httpStatus) + QLatin1Char(' ')
                       + exchange.networkError + QLatin1Char(' ') + QString::fromUtf8(exchange.requestBody)
                       + QLatin1Char(' ') + QString::fromUtf8(exchange.responseBody));
    }
    if (role == Qt::ToolTipRole && index.column() == UrlColumn) {
        return exchange.url.toString();
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (index.column()) {
    case TimeColumn:
        return exchange.startedAt.toLocalTime().time().toString(QStringLiteral("HH:mm:ss.zzz"));
    case MethodColumn:
        return QString::fromUtf8(exchange.method);
    case UrlColumn:
        return QString(exchange.url.host() + exchange.url.path());
    case StatusColumn:
        return exchange.httpStatus > 0 ? QString::number(exchange.httpStatus) : tr("no answer");
    case DurationColumn:
        return tr("%1 ms").arg(exchange.durationMs);
    default:
        return {};
    }
}

QVariant ProviderExchangeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case MethodColumn:
        return tr("Method");
    case UrlColumn:
        return tr("Request");
    case StatusColumn:
        return tr("Status");
    case DurationColumn:
        return tr("Took");
    default:
        return {};
    }
}

RequestInspector::RequestInspector(QWidget* parent)
    : QWidget(parent)
    , m_model(new ProviderExchangeModel(this))
    , m_filter(new QSortFilterProxyModel(this))
    , m_search(new QLineEdit(this))
    , m_table(new QTableView(this))
    , m_detail(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("requestInspector"));
    m_filter->setSourceModel(m_model);
    m_filter->setFilterRole(ProviderExchangeModel::SearchRole);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);

    auto* column = new QVBoxLayout(this);
    auto* tools = new QHBoxLayout;
    m_search->setObjectName(QStringLiteral("requestInspectorSearch"));
    m_search->setPlaceholderText(tr("Filter by path, status or body text"));
    m_search->setAccessibleName(tr("Filter provider requests"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_filter, &QSortFilterProxyModel::setFilterFixedString);
    auto* clear = new QPushButton(tr("Clear"), this);
    clear->setObjectName(QStringLiteral("requestInspectorClear"));
    connect(clear, &QPushButton::clicked, this, [this] {
        if (m_traffic) {
            m_traffic->clear();
        }
        m_detail->clear();
    });
    tools->addWidget(m_search, 1);
    tools->addWidget(clear);
    column->addLayout(tools);

    m_table->setObjectName(QStringLiteral("requestInspectorTable"));
    m_table->setAccessibleName(tr("Provider requests"));
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(ProviderExchangeModel::UrlColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_detail->setObjectName(QStringLiteral("requestInspectorDetail"));
    m_detail->setAccessibleName(tr("Request and response"));
    m_detail->setReadOnly(true);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_detail->setPlaceholderText(tr("Select a request to see what was sent and what the provider answered. "
                                    "Tokens and secrets are masked."));
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_table);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    column->addWidget(split, 1);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RequestInspector::showSelected);
}

void RequestInspector::setTraffic(ProviderTraffic* traffic)
{
    m_traffic = traffic;
    m_model->setTraffic(traffic);
    m_detail->clear();
}

QTableView* RequestInspector::table() const
{
    return m_table;
}

QPlainTextEdit* RequestInspector::detail() const
{
    return m_detail;
}

ProviderExchangeModel* RequestInspector::model() const
{
    return m_model;
}

void RequestInspector::showSelected()
{
    const QModelIndex current = m_filter->mapToSource(m_table->currentIndex());
    m_detail->setPlainText(current.isValid() ? describe(m_model->exchangeAt(current.row())) : QString());
}

QString RequestInspector::describe(const ProviderExchange& exchange)
{
    QStringList text;
    text << QString::fromUtf8(exchange.method) + QLatin1Char(' ') + exchange.url.toString();
    text << headerLines(exchange.requestHeaders);
    text << QString() << readableBody(exchange.requestBody, headerOf(exchange.requestHeaders, "Content-Type"));
    text << QString() << QStringLiteral("――――――――") << QString();
    if (exchange.httpStatus == 0) {
        text << tr("No answer: %1").arg(exchange.networkError);
    } else {
        text << tr("HTTP %1 after %2 ms").arg(exchange.httpStatus).arg(exchange.durationMs);
        text << headerLines(exchange.responseHeaders);
        text << QString() << readableBody(exchange.responseBody, headerOf(exchange.responseHeaders, "Content-Type"));
        if (exchange.bodyTruncated) {
            text << tr("(cut at %1 KiB)").arg(ProviderTraffic::kMaxBodyBytes / 1024);
        }
    }
    return text.join(QLatin1Char('\n'));
}
