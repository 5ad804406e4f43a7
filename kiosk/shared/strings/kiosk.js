// Strings of the voting kiosk (/kiosk): what delegates read. 简体中文 first, English second,
// 繁體中文 where written.

export default {
  'kiosk.pageTitle': { 'zh-CN': '投票机', en: 'Voting kiosk', 'zh-TW': '投票機' },
  'kiosk.masthead': { 'zh-CN': '投票机：{name}', en: 'Kiosk: {name}', 'zh-TW': '投票機：{name}' },

  'kiosk.enrol.heading': { 'zh-CN': '登记本投票机', en: 'Enrol this kiosk', 'zh-TW': '登記本投票機' },
  'kiosk.enrol.intro': {
    'zh-CN': '本设备尚未登记为投票机。请输入组织者提供的配对码。',
    en: 'This device is not an enrolled kiosk yet. Enter the pairing code the organiser gives you.',
    'zh-TW': '本裝置尚未登記為投票機。請輸入組織者提供的配對碼。',
  },
  'kiosk.enrol.label': { 'zh-CN': '配对码', en: 'Pairing code', 'zh-TW': '配對碼' },
  'kiosk.enrol.hint': {
    'zh-CN': '配对码共 8 位，形如 AB12-CD34，15 分钟内有效，只能使用一次。',
    en: 'A pairing code has 8 characters, like AB12-CD34; it works once, within 15 minutes.',
    'zh-TW': '配對碼共 8 位，形如 AB12-CD34，15 分鐘內有效，只能使用一次。',
  },
  'kiosk.enrol.submit': { 'zh-CN': '登记', en: 'Enrol', 'zh-TW': '登記' },
  'kiosk.enrol.format': {
    'zh-CN': '配对码应为 8 位字母或数字，形如 AB12-CD34。请核对后重新输入。',
    en: 'A pairing code is 8 letters or digits, like AB12-CD34. Check it and type it again.',
    'zh-TW': '配對碼應為 8 位字母或數字，形如 AB12-CD34。請核對後重新輸入。',
  },

  'kiosk.disabled.heading': { 'zh-CN': '本投票机已停用', en: 'This kiosk is disabled', 'zh-TW': '本投票機已停用' },

  'kiosk.waiting.heading': { 'zh-CN': '现在没有进行中的投票', en: 'No vote is open now', 'zh-TW': '現在沒有進行中的投票' },
  'kiosk.waiting.body': {
    'zh-CN': '请等待大会主持人宣布开始投票。投票开始后，本页会自动更新。',
    en: 'Wait until the chair opens the vote. This page updates by itself when it opens.',
    'zh-TW': '請等待大會主持人宣布開始投票。投票開始後，本頁會自動更新。',
  },

  'kiosk.card.heading': { 'zh-CN': '请扫描您的选票卡', en: 'Scan your ballot card', 'zh-TW': '請掃描您的選票卡' },
  'kiosk.card.round': { 'zh-CN': '第 {round} 轮投票正在进行。', en: 'Round {round} is open.', 'zh-TW': '第 {round} 輪投票正在進行。' },
  'kiosk.card.label': { 'zh-CN': '选票卡编码', en: 'Ballot card code', 'zh-TW': '選票卡編碼' },
  'kiosk.card.placeholder': { 'zh-CN': '扫描二维码或输入编码', en: 'Scan the QR code or type the code', 'zh-TW': '掃描二維碼或輸入編碼' },
  'kiosk.card.hint': {
    'zh-CN': '用扫码器扫描卡上的二维码；或输入卡上印的 21 位编码（短横线可以不输，大小写均可），再按“取得选票”。',
    en: 'Scan the QR code on the card, or type the 21-character code printed on it (dashes and case do not matter), then press “Get my ballot”.',
    'zh-TW': '用掃碼器掃描卡上的二維碼；或輸入卡上印的 21 位編碼（短橫線可以不輸，大小寫均可），再按「取得選票」。',
  },
  'kiosk.card.submit': { 'zh-CN': '取得选票', en: 'Get my ballot', 'zh-TW': '取得選票' },

  'kiosk.ballot.progress': { 'zh-CN': '第 {n} 项，共 {total} 项', en: 'Contest {n} of {total}', 'zh-TW': '第 {n} 項，共 {total} 項' },
  'kiosk.ballot.seats': {
    'zh-CN': '应选 {seats} 人。投“赞成”的人数不能超过 {seats} 人。',
    en: '{seats} to elect. Vote “for” at most {seats} persons.',
    'zh-TW': '應選 {seats} 人。投「贊成」的人數不能超過 {seats} 人。',
  },
  'kiosk.ballot.seatsWithWriteIns': {
    'zh-CN': '应选 {seats} 人。投“赞成”的人数与另选他人的人数合计不能超过 {seats} 人。',
    en: '{seats} to elect. Persons voted “for” and persons written in together may be at most {seats}.',
    'zh-TW': '應選 {seats} 人。投「贊成」的人數與另選他人的人數合計不能超過 {seats} 人。',
  },
  'kiosk.ballot.roundKind': { 'zh-CN': '本项为：{kind}。', en: 'This ballot is: {kind}.', 'zh-TW': '本項為：{kind}。' },
  'kiosk.ballot.order.surname_strokes': { 'zh-CN': '候选人按姓氏笔画为序', en: 'Candidates are listed by the strokes of their surnames', 'zh-TW': '候選人按姓氏筆畫為序' },
  'kiosk.ballot.order.name_strokes': { 'zh-CN': '候选人按姓名笔画为序', en: 'Candidates are listed by the strokes of their names', 'zh-TW': '候選人按姓名筆畫為序' },
  'kiosk.ballot.order.as_listed': { 'zh-CN': '候选人按上级工会审定的顺序排列', en: 'Candidates are listed in the order the higher union vetted', 'zh-TW': '候選人按上級工會審定的順序排列' },
  'kiosk.ballot.instructions': {
    'zh-CN': '请对每位候选人选择“赞成”“不赞成”或“弃权”。不作选择的，视为弃权。',
    en: 'For each candidate choose “For”, “Against” or “Abstain”. A candidate you leave unmarked counts as an abstention.',
    'zh-TW': '請對每位候選人選擇「贊成」「不贊成」或「棄權」。不作選擇的，視為棄權。',
  },
  'kiosk.ballot.count': {
    'zh-CN': '已选 {chosen} 人，最多可选 {seats} 人。',
    en: '{chosen} chosen of at most {seats}.',
    'zh-TW': '已選 {chosen} 人，最多可選 {seats} 人。',
  },
  'kiosk.ballot.previous': { 'zh-CN': '上一项', en: 'Previous', 'zh-TW': '上一項' },
  'kiosk.ballot.next': { 'zh-CN': '下一项', en: 'Next', 'zh-TW': '下一項' },
  'kiosk.ballot.toReview': { 'zh-CN': '核对选票', en: 'Review my ballot', 'zh-TW': '核對選票' },

  'kiosk.mark.for': { 'zh-CN': '赞成', en: 'For', 'zh-TW': '贊成' },
  'kiosk.mark.against': { 'zh-CN': '不赞成', en: 'Against', 'zh-TW': '不贊成' },
  'kiosk.mark.abstain': { 'zh-CN': '弃权', en: 'Abstain', 'zh-TW': '棄權' },
  'kiosk.mark.none': { 'zh-CN': '未选择（视为弃权）', en: 'Unmarked (counts as abstaining)', 'zh-TW': '未選擇（視為棄權）' },

  'kiosk.overVote.mark': {
    'zh-CN': '本项应选 {seats} 人，您已选满 {seats} 人，不能再投“赞成”。如要改选此人，请先把另一位改为“不赞成”或“弃权”，或删去一位另选的人。',
    en: 'This contest elects {seats} and you have chosen {seats} already, so you cannot vote “For” again. To choose this person, first change another to “Against” or “Abstain”, or remove a written-in name.',
    'zh-TW': '本項應選 {seats} 人，您已選滿 {seats} 人，不能再投「贊成」。如要改選此人，請先把另一位改為「不贊成」或「棄權」，或刪去一位另選的人。',
  },
  'kiosk.overVote.total': {
    'zh-CN': '本项应选 {seats} 人，您选了 {chosen} 人（“赞成”与另选他人合计），超过了应选人数。请减少到 {seats} 人以内再继续。',
    en: 'This contest elects {seats}, but you have chosen {chosen} (“For” marks and written-in names together). Choose at most {seats} to go on.',
    'zh-TW': '本項應選 {seats} 人，您選了 {chosen} 人（「贊成」與另選他人合計），超過了應選人數。請減少到 {seats} 人以內再繼續。',
  },

  'kiosk.writeIn.legend': { 'zh-CN': '另选他人', en: 'Write in another person', 'zh-TW': '另選他人' },
  'kiosk.writeIn.hint': {
    'zh-CN': '如要选举候选人以外的人，请在下面写上姓名，每格一人。另选的人与投“赞成”的人合计不能超过 {seats} 人。',
    en: 'To elect someone who is not a candidate, write the name below, one person a line. Written-in persons and “For” marks together may be at most {seats}.',
    'zh-TW': '如要選舉候選人以外的人，請在下面寫上姓名，每格一人。另選的人與投「贊成」的人合計不能超過 {seats} 人。',
  },
  'kiosk.writeIn.hintMembers': {
    'zh-CN': '本次会议只能在本届当选委员中选举。如要选举候选人以外的委员，请在下面写上其姓名，每格一人：{members}。另选的人与投“赞成”的人合计不能超过 {seats} 人。',
    en: 'This meeting elects only from among its elected members. To elect a member who is not a candidate, write the name below, one person a line: {members}. Written-in persons and “For” marks together may be at most {seats}.',
    'zh-TW': '本次會議只能在本屆當選委員中選舉。如要選舉候選人以外的委員，請在下面寫上其姓名，每格一人：{members}。另選的人與投「贊成」的人合計不能超過 {seats} 人。',
  },
  'kiosk.writeIn.notMember': {
    'zh-CN': '“{name}”不是本届当选委员（或有同名委员）。本次会议只能在当选委员中另选，请写一位委员的姓名。',
    en: '“{name}” is not one of the elected members (or several share the name). This meeting may write in only its members: write a member’s name.',
    'zh-TW': '「{name}」不是本屆當選委員（或有同名委員）。本次會議只能在當選委員中另選，請寫一位委員的姓名。',
  },
  'kiosk.writeIn.label': { 'zh-CN': '另选他人 第 {n} 人', en: 'Written-in person {n}', 'zh-TW': '另選他人 第 {n} 人' },
  'kiosk.writeIn.add': { 'zh-CN': '再加一人', en: 'Add a line', 'zh-TW': '再加一人' },
  'kiosk.writeIn.listed': {
    'zh-CN': '“{name}”是本项的候选人。请直接在其姓名下选择“赞成”，不要另选。',
    en: '“{name}” is a candidate in this contest: choose “For” under the name instead of writing it in.',
    'zh-TW': '「{name}」是本項的候選人。請直接在其姓名下選擇「贊成」，不要另選。',
  },
  'kiosk.writeIn.repeated': {
    'zh-CN': '“{name}”写了两次。每人只写一次。',
    en: '“{name}” is written in twice: write each person once.',
    'zh-TW': '「{name}」寫了兩次。每人只寫一次。',
  },

  'kiosk.review.heading': { 'zh-CN': '请核对您的选票', en: 'Check your ballot', 'zh-TW': '請核對您的選票' },
  'kiosk.review.count': { 'zh-CN': '应选 {seats} 人，您选了 {chosen} 人。', en: '{seats} to elect; you chose {chosen}.', 'zh-TW': '應選 {seats} 人，您選了 {chosen} 人。' },
  'kiosk.review.caption': { 'zh-CN': '{title}：您的选择', en: '{title}: your choices', 'zh-TW': '{title}：您的選擇' },
  'kiosk.review.candidate': { 'zh-CN': '候选人', en: 'Candidate', 'zh-TW': '候選人' },
  'kiosk.review.choice': { 'zh-CN': '您的选择', en: 'Your choice', 'zh-TW': '您的選擇' },
  'kiosk.review.writeIns': { 'zh-CN': '另选他人：', en: 'Written in: ', 'zh-TW': '另選他人：' },
  'kiosk.review.noWriteIns': { 'zh-CN': '无', en: 'nobody', 'zh-TW': '無' },
  'kiosk.review.edit': { 'zh-CN': '修改“{title}”', en: 'Change “{title}”', 'zh-TW': '修改「{title}」' },
  'kiosk.review.back': { 'zh-CN': '返回修改', en: 'Back to change', 'zh-TW': '返回修改' },
  // The ballot is encrypted after the review, then cast or challenged.
  'kiosk.review.introSealed': {
    'zh-CN': '以下是您在每一项的选择。确认无误后，请按“加密选票”：本机加密您的选票之后，由您选择投入票箱，或先检验此票。',
    en: 'Here is what you chose in each contest. When it is right, press “Seal my ballot”: once the kiosk has encrypted it, you choose to cast it or to challenge it first.',
    'zh-TW': '以下是您在每一項的選擇。確認無誤後，請按「加密選票」：本機加密您的選票之後，由您選擇投入票箱，或先檢驗此票。',
  },
  'kiosk.review.seal': { 'zh-CN': '加密选票', en: 'Seal my ballot', 'zh-TW': '加密選票' },

  'kiosk.sealing.heading': { 'zh-CN': '正在加密选票……', en: 'Sealing your ballot…', 'zh-TW': '正在加密選票……' },
  'kiosk.sealing.body': {
    'zh-CN': '本机正在加密您的选票，并证明它填写有效。请稍候。',
    en: 'The kiosk is encrypting your ballot and proving that it is validly marked. Please wait.',
    'zh-TW': '本機正在加密您的選票，並證明它填寫有效。請稍候。',
  },
  'kiosk.sealing.failed': {
    'zh-CN': '本机未能加密这张选票，选票没有投入票箱。请再按一次“加密选票”；如仍不行，请举手请工作人员协助。',
    en: 'The kiosk could not seal this ballot; nothing was cast. Press “Seal my ballot” again; if it still fails, raise your hand for a steward.',
    'zh-TW': '本機未能加密這張選票，選票沒有投入票箱。請再按一次「加密選票」；如仍不行，請舉手請工作人員協助。',
  },

  'kiosk.sealed.heading': { 'zh-CN': '您的选票已加密', en: 'Your ballot is sealed', 'zh-TW': '您的選票已加密' },
  'kiosk.sealed.intro': {
    'zh-CN': '您的选择已经加密，谁也看不到。请选择：投入票箱，或者检验此票。',
    en: 'Your choices are encrypted: nobody can read them. Now choose: cast the ballot, or challenge it.',
    'zh-TW': '您的選擇已經加密，誰也看不到。請選擇：投入票箱，或者檢驗此票。',
  },
  'kiosk.tracker.label': { 'zh-CN': '追踪码', en: 'Tracker', 'zh-TW': '追蹤碼' },
  'kiosk.sealed.trackerExplain': {
    'zh-CN': '追踪码是这张加密选票的简短标识，不显示您的选择。投入票箱后，回执上的回执码与它相同。',
    en: 'The tracker is a short name of this encrypted ballot; it does not show your choices. Once it is cast, the receipt is this same code.',
    'zh-TW': '追蹤碼是這張加密選票的簡短標識，不顯示您的選擇。投入票箱後，回執上的回執碼與它相同。',
  },
  'kiosk.sealed.cast': { 'zh-CN': '投入票箱', en: 'Cast it', 'zh-TW': '投入票箱' },
  'kiosk.sealed.castExplain': {
    'zh-CN': '这张选票投入票箱，计入选举结果。投入之后不能更改。',
    en: 'This ballot goes into the ballot box and is counted. It cannot be changed after that.',
    'zh-TW': '這張選票投入票箱，計入選舉結果。投入之後不能更改。',
  },
  'kiosk.sealed.challenge': { 'zh-CN': '检验此票', en: 'Challenge it', 'zh-TW': '檢驗此票' },
  'kiosk.sealed.challengeExplain': {
    'zh-CN': '检验本投票机是否如实加密：本机公开这张选票的内容和加密所用的随机数，供监票人核对。这张选票作废，不计票；选票卡没有被使用，您接着重新投票。',
    en: 'To test that this kiosk seals honestly: it reveals this ballot’s choices and the randomness it used, for a scrutineer to check. This ballot is void and not counted; the card is not used up, and you then vote afresh.',
    'zh-TW': '檢驗本投票機是否如實加密：本機公開這張選票的內容和加密所用的隨機數，供監票人核對。這張選票作廢，不計票；選票卡沒有被使用，您接著重新投票。',
  },
  'kiosk.sealed.back': { 'zh-CN': '返回修改', en: 'Back to change', 'zh-TW': '返回修改' },

  'kiosk.challenging.heading': { 'zh-CN': '正在检验此票，请稍候……', en: 'Challenging your ballot…', 'zh-TW': '正在檢驗此票，請稍候……' },
  'kiosk.challenging.sending': {
    'zh-CN': '正在把这张选票和加密所用的随机数交给票箱公开。',
    en: 'Handing this ballot and its randomness to the ballot box to publish.',
    'zh-TW': '正在把這張選票和加密所用的隨機數交給票箱公開。',
  },
  'kiosk.challenging.notDoneHeading': { 'zh-CN': '检验没有完成', en: 'The challenge did not go through', 'zh-TW': '檢驗沒有完成' },
  'kiosk.challenging.uncertain': {
    'zh-CN': '还没有收到票箱的确认。请按“重新发送”；这张选票已经作废，无论如何都不会计票。如仍不行，请按“返回选票”重新加密，或举手请工作人员协助。',
    en: 'The ballot box has not confirmed the challenge yet. Press “Send again”: this ballot is void and is never counted either way. If it still fails, press “Back to my ballot” to seal it anew, or raise your hand for a steward.',
    'zh-TW': '還沒有收到票箱的確認。請按「重新傳送」；這張選票已經作廢，無論如何都不會計票。如仍不行，請按「返回選票」重新加密，或舉手請工作人員協助。',
  },
  'kiosk.challenging.retry': { 'zh-CN': '重新发送', en: 'Send again', 'zh-TW': '重新傳送' },
  'kiosk.challenging.back': { 'zh-CN': '返回选票', en: 'Back to my ballot', 'zh-TW': '返回選票' },
  'kiosk.challenging.notDone': {
    'zh-CN': '这张选票没有投入票箱，也没有公开。',
    en: 'This ballot was neither cast nor published.',
    'zh-TW': '這張選票沒有投入票箱，也沒有公開。',
  },

  'kiosk.challenged.heading': { 'zh-CN': '此票已检验，不计票', en: 'Ballot challenged: it is not counted', 'zh-TW': '此票已檢驗，不計票' },
  'kiosk.challenged.explain': {
    'zh-CN': '监票人可以在监票页面核对：带有这个追踪码的选票，打开后正是下面这些选择。这张选票不计票；您的选票卡没有被使用。',
    en: 'A scrutineer can check on the inspector page that the ballot with this tracker opens to exactly the choices below. This ballot is not counted; your card is not used up.',
    'zh-TW': '監票人可以在監票頁面核對：帶有這個追蹤碼的選票，打開後正是下面這些選擇。這張選票不計票；您的選票卡沒有被使用。',
  },
  'kiosk.challenged.revealed': { 'zh-CN': '这张选票公开的内容', en: 'What this ballot revealed', 'zh-TW': '這張選票公開的內容' },
  'kiosk.challenged.caption': { 'zh-CN': '{title}：这张选票公开的选择', en: '{title}: the choices this ballot revealed', 'zh-TW': '{title}：這張選票公開的選擇' },
  'kiosk.challenged.choice': { 'zh-CN': '公开的选择', en: 'Revealed choice', 'zh-TW': '公開的選擇' },
  'kiosk.challenged.next': {
    'zh-CN': '请看以上是否正是您所作的选择；如有不符，请举手告诉监票人。然后请按“重新投票”：您的选择仍然保留，本机会重新加密。',
    en: 'See that these are the choices you made; if not, raise your hand and tell a scrutineer. Then press “Vote afresh”: your choices are kept, and the kiosk seals them anew.',
    'zh-TW': '請看以上是否正是您所作的選擇；如有不符，請舉手告訴監票人。然後請按「重新投票」：您的選擇仍然保留，本機會重新加密。',
  },
  'kiosk.challenged.again': { 'zh-CN': '重新投票', en: 'Vote afresh', 'zh-TW': '重新投票' },
  'kiosk.challenged.mismatch': {
    'zh-CN': '票箱给出的追踪码 {server} 与本机显示的追踪码 {tracker} 不一致。请不要离开，请举手请监票人核查。',
    en: 'The ballot box gave the tracker {server}, not the tracker {tracker} this kiosk showed. Stay here and raise your hand for a scrutineer.',
    'zh-TW': '票箱給出的追蹤碼 {server} 與本機顯示的追蹤碼 {tracker} 不一致。請不要離開，請舉手請監票人核查。',
  },

  'kiosk.casting.heading': { 'zh-CN': '正在投票，请稍候……', en: 'Casting your ballot…', 'zh-TW': '正在投票，請稍候……' },
  'kiosk.casting.sending': { 'zh-CN': '正在把选票投入票箱。', en: 'Putting your ballot in the ballot box.', 'zh-TW': '正在把選票投入票箱。' },
  'kiosk.casting.resending': {
    'zh-CN': '网络中断，正在重新发送同一张选票（第 {attempt} 次）……',
    en: 'The network failed; sending the same ballot again (attempt {attempt})…',
    'zh-TW': '網路中斷，正在重新傳送同一張選票（第 {attempt} 次）……',
  },
  'kiosk.casting.uncertain': {
    'zh-CN': '还没有收到票箱的确认。请按“重新发送选票”；重新发送的是同一张选票，不会重复计票。如仍不行，请举手请工作人员协助，不要离开。',
    en: 'The ballot box has not confirmed your ballot yet. Press “Send my ballot again”: it sends the same ballot, which is never counted twice. If it still fails, raise your hand for a steward and stay here.',
    'zh-TW': '還沒有收到票箱的確認。請按「重新傳送選票」；重新傳送的是同一張選票，不會重複計票。如仍不行，請舉手請工作人員協助，不要離開。',
  },
  'kiosk.casting.uncertainHeading': { 'zh-CN': '还没有收到票箱的确认', en: 'Not confirmed yet', 'zh-TW': '還沒有收到票箱的確認' },
  'kiosk.casting.notCastHeading': { 'zh-CN': '选票没有投入票箱', en: 'Your ballot was not cast', 'zh-TW': '選票沒有投入票箱' },
  'kiosk.casting.retry': { 'zh-CN': '重新发送选票', en: 'Send my ballot again', 'zh-TW': '重新傳送選票' },
  'kiosk.casting.notCast': { 'zh-CN': '这张选票没有投入票箱。', en: 'This ballot was not cast.', 'zh-TW': '這張選票沒有投入票箱。' },
  'kiosk.casting.finish': { 'zh-CN': '回到开始页面', en: 'Back to the start', 'zh-TW': '回到開始頁面' },

  'kiosk.receipt.heading': { 'zh-CN': '投票成功', en: 'Your ballot is cast', 'zh-TW': '投票成功' },
  'kiosk.receipt.recorded': {
    'zh-CN': '您的选票已投入票箱。谢谢！',
    en: 'Your ballot is in the ballot box. Thank you!',
    'zh-TW': '您的選票已投入票箱。謝謝！',
  },
  // The same card votes in every further round of its sitting (a re-vote after a tie, an
  // additional round): handed back after one vote, it could not vote in them.
  'kiosk.receipt.keepCard': {
    'zh-CN': '请保管好您的选票卡，先不要交还：本次会议如果还要再投票（例如得票相等需要再选，或当选人数不足需要另行选举），仍用这张卡投票。等工作人员通知收卡时再交还。',
    en: 'Keep your ballot card for now: if this sitting votes again (a re-vote after a tie, or another round for seats not yet filled), you vote with this same card. Hand it back when the stewards ask for the cards.',
    'zh-TW': '請保管好您的選票卡，先不要交還：本次會議如果還要再投票（例如得票相等需要再選，或當選人數不足需要另行選舉），仍用這張卡投票。等工作人員通知收卡時再交還。',
  },
  'kiosk.receipt.repeated': {
    'zh-CN': '这张选票在网络中断前已经投入，回执码与当时相同，没有重复计票。',
    en: 'This ballot had been cast before the network failed; the receipt is the same, and it is counted once.',
    'zh-TW': '這張選票在網路中斷前已經投入，回執碼與當時相同，沒有重複計票。',
  },
  'kiosk.receipt.trackerLabel': { 'zh-CN': '追踪码（与回执码相同）：', en: 'Tracker (the same as the receipt): ', 'zh-TW': '追蹤碼（與回執碼相同）：' },
  'kiosk.receipt.mismatch': {
    'zh-CN': '票箱给出的回执码 {short} 与本机加密后显示的追踪码 {tracker} 不一致。请不要离开，请举手请工作人员和监票人核查。',
    en: 'The ballot box gave the receipt {short}, not the tracker {tracker} this kiosk showed after sealing. Stay here and raise your hand for a steward and a scrutineer.',
    'zh-TW': '票箱給出的回執碼 {short} 與本機加密後顯示的追蹤碼 {tracker} 不一致。請不要離開，請舉手請工作人員和監票人核查。',
  },
  'kiosk.receipt.round': { 'zh-CN': '第 {round} 轮投票', en: 'Round {round}', 'zh-TW': '第 {round} 輪投票' },
  'kiosk.receipt.shortLabel': { 'zh-CN': '回执码', en: 'Receipt', 'zh-TW': '回執碼' },
  'kiosk.receipt.label': { 'zh-CN': '完整回执码', en: 'Full receipt', 'zh-TW': '完整回執碼' },
  'kiosk.receipt.qrAlt': {
    'zh-CN': '完整回执码的二维码',
    en: 'QR code of the full receipt',
    'zh-TW': '完整回執碼的二維碼',
  },
  'kiosk.receipt.check': {
    'zh-CN': '结果公布后，在 {address} 输入回执码即可核对。',
    en: 'Once the results are published, enter the receipt at {address} to check it.',
    'zh-TW': '結果公布後，在 {address} 輸入回執碼即可核對。',
  },
  'kiosk.receipt.explain': {
    'zh-CN': '计票结束、结果公布后，可凭回执码核对您的选票已被计入（抄下 12 位回执码即可；二维码是完整回执码）。回执码不会显示您投了谁。',
    en: 'Once the count is published you can check with this receipt that your ballot was counted (copying the 12-character receipt is enough; the QR code holds the full receipt). The receipt does not show how you voted.',
    'zh-TW': '計票結束、結果公布後，可憑回執碼核對您的選票已被計入（抄下 12 位回執碼即可；二維碼是完整回執碼）。回執碼不會顯示您投了誰。',
  },
  'kiosk.receipt.print': { 'zh-CN': '打印回执', en: 'Print the receipt', 'zh-TW': '列印回執' },
  'kiosk.receipt.done': { 'zh-CN': '完成', en: 'Done', 'zh-TW': '完成' },

  'kiosk.cancel.open': { 'zh-CN': '不投票，退出', en: 'Leave without voting', 'zh-TW': '不投票，退出' },
  'kiosk.cancel.heading': { 'zh-CN': '不投票并退出吗？', en: 'Leave without voting?', 'zh-TW': '不投票並退出嗎？' },
  'kiosk.cancel.body': {
    'zh-CN': '您所作的选择将被清除。选票卡没有被使用，之后仍可用它投票。',
    en: 'Your choices will be cleared. The card is not used up: you can still vote with it later.',
    'zh-TW': '您所作的選擇將被清除。選票卡沒有被使用，之後仍可用它投票。',
  },
  'kiosk.cancel.no': { 'zh-CN': '继续投票', en: 'Go on voting', 'zh-TW': '繼續投票' },
  'kiosk.cancel.yes': { 'zh-CN': '退出，不投票', en: 'Leave without voting', 'zh-TW': '退出，不投票' },

  'kiosk.idle.heading': { 'zh-CN': '您还在投票吗？', en: 'Are you still voting?', 'zh-TW': '您還在投票嗎？' },
  'kiosk.idle.body': {
    'zh-CN': '已经有一段时间没有操作了。如果不按“继续投票”，{seconds} 秒后本页将清除您的选择并回到开始页面（选票卡没有被使用）。',
    en: 'Nothing has been done for a while. Unless you press “Go on voting”, in {seconds} seconds this page clears your choices and goes back to the start (the card is not used up).',
    'zh-TW': '已經有一段時間沒有操作了。如果不按「繼續投票」，{seconds} 秒後本頁將清除您的選擇並回到開始頁面（選票卡沒有被使用）。',
  },
  'kiosk.idle.countdown': { 'zh-CN': '{seconds} 秒', en: '{seconds} s', 'zh-TW': '{seconds} 秒' },
  'kiosk.idle.continue': { 'zh-CN': '继续投票', en: 'Go on voting', 'zh-TW': '繼續投票' },

  // Refusals at the kiosk, where they mean something more particular than error.<code>.
  'error.pairing.not_found': {
    'zh-CN': '配对码无效、已过期或已被使用。请向组织者索取新的配对码。',
    en: 'This pairing code is wrong, expired or used. Ask the organiser for a new one.',
    'zh-TW': '配對碼無效、已過期或已被使用。請向組織者索取新的配對碼。',
  },
  'error.ballot.not_found': {
    'zh-CN': '找不到这张选票卡：它不是为本次大会印制的。请核对编码，或请工作人员协助。',
    en: 'This card is unknown: it was not printed for this congress. Check the code, or ask a steward.',
    'zh-TW': '找不到這張選票卡：它不是為本次大會印製的。請核對編碼，或請工作人員協助。',
  },
  'error.cast.not_found': {
    'zh-CN': '找不到这张选票卡：它不是为本次大会印制的。请工作人员协助。',
    en: 'This card is unknown: it was not printed for this congress. Ask a steward.',
    'zh-TW': '找不到這張選票卡：它不是為本次大會印製的。請工作人員協助。',
  },
  'error.cast.network': {
    'zh-CN': '网络中断，无法连接票箱。',
    en: 'The network failed: the ballot box cannot be reached.',
    'zh-TW': '網路中斷，無法連線票箱。',
  },
  'error.cast.not_recorded': {
    'zh-CN': '票箱暂时没能记录这张选票。',
    en: 'The ballot box could not record the ballot just now.',
    'zh-TW': '票箱暫時沒能記錄這張選票。',
  },
  'error.cast.no_open_round': {
    'zh-CN': '本轮投票已经结束，这张选票没有被计入。',
    en: 'This round has closed; this ballot was not counted.',
    'zh-TW': '本輪投票已經結束，這張選票沒有被計入。',
  },
  // A sealed ballot refused at cast or challenge: nothing was recorded, and the card votes on.
  'error.seal.bad_ballot': {
    'zh-CN': '票箱核验这张加密选票时，发现它的证明不成立，因此没有接受：选票没有投入票箱，选票卡没有被使用。请再按一次“加密选票”重新加密后投票；如仍不行，请举手请工作人员协助。',
    en: 'The ballot box checked this sealed ballot and a proof did not hold, so it was refused: nothing was cast, and the card is not used up. Press “Seal my ballot” to seal it anew and cast again; if it still fails, raise your hand for a steward.',
    'zh-TW': '票箱核驗這張加密選票時，發現它的證明不成立，因此沒有接受：選票沒有投入票箱，選票卡沒有被使用。請再按一次「加密選票」重新加密後投票；如仍不行，請舉手請工作人員協助。',
  },
  'error.seal.salt_reused': {
    'zh-CN': '本机需要重新加密这张选票，选票没有投入票箱。请再按一次“加密选票”。',
    en: 'The kiosk needs to seal this ballot anew; nothing was cast. Press “Seal my ballot” once more.',
    'zh-TW': '本機需要重新加密這張選票，選票沒有投入票箱。請再按一次「加密選票」。',
  },
  'error.challenge.bad_ballot': {
    'zh-CN': '票箱核验这张加密选票时，发现它的证明不成立，因此没有接受：检验没有完成，选票没有投入票箱，选票卡没有被使用。请再按一次“加密选票”重新加密；如仍不行，请举手请工作人员协助。',
    en: 'The ballot box checked this sealed ballot and a proof did not hold, so it was refused: the challenge did not go through, nothing was cast, and the card is not used up. Press “Seal my ballot” to seal it anew; if it still fails, raise your hand for a steward.',
    'zh-TW': '票箱核驗這張加密選票時，發現它的證明不成立，因此沒有接受：檢驗沒有完成，選票沒有投入票箱，選票卡沒有被使用。請再按一次「加密選票」重新加密；如仍不行，請舉手請工作人員協助。',
  },
  'error.challenge.bad_opening': {
    'zh-CN': '票箱核对本机公开的内容时，发现它与这张加密选票不符：本投票机可能有故障。检验没有完成，选票没有投入票箱，选票卡没有被使用。请不要在这台投票机上继续投票，请举手请监票人前来查看。',
    en: 'The ballot box found that what this kiosk revealed does not match the ballot it sealed: the kiosk may be faulty. The challenge did not go through, nothing was cast, and the card is not used up. Do not go on voting at this kiosk: raise your hand for a scrutineer.',
    'zh-TW': '票箱核對本機公開的內容時，發現它與這張加密選票不符：本投票機可能有故障。檢驗沒有完成，選票沒有投入票箱，選票卡沒有被使用。請不要在這台投票機上繼續投票，請舉手請監票人前來查看。',
  },
  'error.challenge.salt_reused': {
    'zh-CN': '本机需要重新加密这张选票，检验没有完成。请再按一次“加密选票”。',
    en: 'The kiosk needs to seal this ballot anew; the challenge did not go through. Press “Seal my ballot” once more.',
    'zh-TW': '本機需要重新加密這張選票，檢驗沒有完成。請再按一次「加密選票」。',
  },
  'error.challenge.round_closed': {
    'zh-CN': '本轮投票已经结束，检验没有完成，这张选票没有被计入。',
    en: 'This round has closed: the challenge did not go through, and this ballot was not counted.',
    'zh-TW': '本輪投票已經結束，檢驗沒有完成，這張選票沒有被計入。',
  },
  'error.cast.timeout': {
    'zh-CN': '票箱长时间没有回应。',
    en: 'The ballot box did not answer in time.',
    'zh-TW': '票箱長時間沒有回應。',
  },
};
