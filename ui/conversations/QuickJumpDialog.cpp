#include "ui/conversations/QuickJumpDialog.h"

#include "ui/conversations/ConversationDelegate.h"
#include "ui/conversations/ConversationListModel.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QTimer>
#include <QVBoxLayout>

QuickJumpDialog::QuickJumpDialog(StoreReader* reader, QWidget* parent)
    : QDialog(parent)
    , m_model(new ConversationListModel(reader, this))
    , m_search(new QLineEdit(this))
    , m_results(new QListView(this))
    , m_debounce(new QTimer(this))
{
    setObjectName(QStringLiteral("quickJump"));
    setWindowTitle(tr("Go to conversation"));
    resize(460, 420);
    m_search->setObjectName(QStringLiteral("quickJumpSearch"));
    m_search->setPlaceholderText(tr("Name, number or message text — Enter opens"));
    m_search->setAccessibleName(tr("Go to conversation"));
    m_search->setClearButtonEnabled(true);
    m_results->setObjectName(QStringLiteral("quickJumpResults"));
    m_results->setModel(m_model);
    m_results->setItemDelegate(new ConversationDelegate(m_results));
    m_results->setUniformItemSizes(true);
    m_results->setFocusPolicy(Qt::NoFocus); // typing stays in the field; arrows move the list
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(m_results, 1);

    // The store is searched at most every 150 ms while typing; each answer selects its first row.
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(150);
    connect(m_search, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_debounce, &QTimer::timeout, this, [this] { m_model->setSearch(m_search->text()); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { m_results->setCurrentIndex(m_model->index(0)); });
    connect(m_results, &QListView::activated, this, &QuickJumpDialog::choose);
    connect(m_results, &QListView::clicked, this, &QuickJumpDialog::choose);
    m_search->installEventFilter(this);
    m_model->reload();
}

QLineEdit* QuickJumpDialog::searchField() const
{
    return m_search;
}

QListView* QuickJumpDialog::results() const
{
    return m_results;
}

bool QuickJumpDialog::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        const int row = m_results->currentIndex().row();
        switch (key->key()) {
        case Qt::Key_Down:
            m_results->setCurrentIndex(m_model->index(qMin(row + 1, m_model->rowCount() - 1)));
            return true;
        case Qt::Key_Up:
            m_results->setCurrentIndex(m_model->index(qMax(row - 1, 0)));
            return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            chooseWhenAnswered();
            return true;
        default:
            break;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void QuickJumpDialog::chooseWhenAnswered()
{
    // Enter right after typing means the answer to what was typed, not the list still shown.
    if (m_debounce->isActive()) {
        m_debounce->stop();
        m_model->setSearch(m_search->text());
    }
    if (m_model->isLoading()) {
        connect(m_model,
                &ConversationListModel::pageLoaded,
                this,
                &QuickJumpDialog::choose,
                Qt::ConnectionType(Qt::SingleShotConnection | Qt::UniqueConnection));
        return;
    }
    choose();
}

void QuickJumpDialog::choose()
{
    const QModelIndex current = m_results->currentIndex();
    if (!current.isValid()) {
        return;
    }
    emit conversationChosen(current.data(ConversationListModel::IdRole).toLongLong());
    accept();
}
