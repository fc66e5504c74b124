// Games people play at a table or on a board (chess, cards, tiles, party games): a game, not the app it may also be
// played in (the apps list keeps app names such as 欢乐斗地主). Source: written by the Lingxi project from general
// knowledge. Games named by an everyday word are left out (升级 "upgrade", 跑得快 "runs fast", 拖拉机 "tractor").

export const GAMES = `
麻将 象棋 中国象棋 国际象棋 围棋 五子棋 跳棋 军棋 飞行棋 斗兽棋 斗地主 掼蛋 扑克 桥牌 大富翁 三国杀 狼人杀 剧本杀
数独 华容道 魔方
`;
